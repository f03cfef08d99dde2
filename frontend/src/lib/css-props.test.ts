// @vitest-environment happy-dom
import { html, render } from 'lit';
import { describe, expect, it } from 'vitest';
import { cssProps } from './css-props.ts';

describe('cssProps', () => {
  it('sets, updates and removes style properties through the CSSOM', () => {
    const host = document.createElement('div');
    const view = (props: Record<string, string>) => html`<span ${cssProps(props)}></span>`;
    render(view({ width: '40%', '--wb-head': '48px' }), host);
    const span = host.querySelector('span')!;
    expect([span.style.width, span.style.getPropertyValue('--wb-head')]).toEqual(['40%', '48px']);
    render(view({ width: '75.5%' }), host);
    expect([span.style.width, span.style.getPropertyValue('--wb-head')]).toEqual(['75.5%', '']);
  });

  it('refuses to sit in an attribute, where the value would become a style attribute', () => {
    const host = document.createElement('div');
    expect(() => render(html`<span style=${cssProps({ width: '1%' })}></span>`, host)).toThrow(/goes on an element/);
  });
});
