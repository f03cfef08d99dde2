// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { json, stubFetch, useStub } from '../test/fixtures.ts';
import './wb-brief-panel.ts';
import './wb-editor-header.ts';
import './wb-import-dialog.ts';
import type { WbEditorHeader } from './wb-editor-header.ts';
afterEach(() => {
  document.body.innerHTML = '';
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const shadowText = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

const brief = {
  id: 'b1', version: 1, approved: false,
  content: {
    headline: 'Hoa Binh steps up foreign affairs', summary: 'The province carried out Resolution 12-NQ/TU.',
    keyPoints: [{ text: 'Resolution 12-NQ/TU was issued.', segmentIds: ['s1'] }, { text: '16 FDI projects.', segmentIds: ['s9', 's10'] }],
    people: [{ name: 'Trần Hồng Quang', role: 'Director' }], organisations: [], places: ['Hoa Binh'], figures: [],
  },
};

describe('<wb-brief-panel>', () => {
  it('shows the brief and sends key point links as segment ids', async () => {
    useStub(stubFetch([(u) => (u === '/api/articles/a1/brief' ? json(brief) : undefined)]));
    const el = document.createElement('wb-brief-panel');
    el.articleId = 'a1';
    el.segmentNumbers = new Map([['s1', 1], ['s9', 9], ['s10', 10]]);
    document.body.append(el);
    await settle();
    await el.updateComplete;
    expect(shadowText(el, '.headline')).toEqual(['Hoa Binh steps up foreign affairs']);
    expect(shadowText(el, '.refs')).toEqual(['[1]', '[9, 10]']);
    expect(shadowText(el, '.state')).toEqual(['Draft']);
    const got: string[][] = [];
    el.addEventListener('wb-goto-segments', (e) => got.push((e as CustomEvent).detail.ids));
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.kp')[1]!.click();
    expect(got).toEqual([['s9', 's10']]);
  });

  it('offers to generate when there is no brief yet', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_NOT_FOUND', message: 'no brief' } }, 404)]));
    const el = document.createElement('wb-brief-panel');
    el.articleId = 'a1';
    document.body.append(el);
    await settle();
    await el.updateComplete;
    expect(shadowText(el, 'p.muted')).toEqual(['No brief yet.']);
    expect(shadowText(el, 'button.primary')).toEqual(['Generate brief']);
  });
});

describe('<wb-editor-header>', () => {
  async function header(props: Partial<WbEditorHeader>) {
    const el = document.createElement('wb-editor-header');
    Object.assign(el, { heading: 'Hòa Bình', ...props });
    document.body.append(el);
    await el.updateComplete;
    return el;
  }

  it.each([
    { name: 'nothing translated', counts: { total: 10, approved: 0, failed: 0, untranslated: 10 }, buttons: ['Translate'], scope: 'all' },
    { name: 'some left', counts: { total: 10, approved: 0, failed: 0, untranslated: 4 }, buttons: ['Translate untranslated'], scope: 'missing' },
    { name: 'failures', counts: { total: 10, approved: 2, failed: 3, untranslated: 0 }, buttons: ['Translate', 'Retry failed (3)'], scope: 'all' },
  ])('$name', async ({ counts, buttons, scope }) => {
    const el = await header({ counts });
    expect(shadowText(el, 'button[data-action]')).toEqual(buttons);
    const got: unknown[] = [];
    el.addEventListener('wb-translate', (e) => got.push((e as CustomEvent).detail));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="translate"]')!.click();
    expect(got).toEqual([{ scope }]);
  });

  it('shows live progress with a stop button instead of translate', async () => {
    const el = await header({ counts: { total: 12, approved: 0, failed: 1, untranslated: 4 }, progress: { done: 7, total: 12, failed: 1 } });
    const bar = el.shadowRoot!.querySelector('[role="progressbar"]')!;
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax')]).toEqual(['7', '12']);
    expect(shadowText(el, '.ptext')).toEqual(['7 of 12 translated, 1 failed']);
    expect(shadowText(el, 'button[data-action]')).toEqual([]);
    let cancelled = 0;
    el.addEventListener('wb-cancel', () => cancelled++);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Stop')!.click();
    expect(cancelled).toBe(1);
  });
});

describe('<wb-import-dialog>', () => {
  it('previews the paste and lists what was cut with restore toggles', async () => {
    const stub = stubFetch([(u) => (u === '/api/articles/preview'
      ? json({ title: 'Hòa Bình', segments: [{ index: 0, kind: 'paragraph', source: 'Đoàn công tác tỉnh Yamanashi làm việc.' }], removed: [{ text: 'Các tin khác', reason: 'list of other news at the end of the page', position: 1 }], conversions: ['TCVN3'] })
      : undefined)]);
    useStub(stub);
    const el = document.createElement('wb-import-dialog');
    document.body.append(el);
    await el.updateComplete;
    const ta = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#imp-text')!;
    ta.value = 'Đoàn công tác tỉnh Yamanashi làm việc.\n\nCác tin khác';
    ta.dispatchEvent(new Event('input'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="check"]')!.click();
    await settle();
    await el.updateComplete;
    expect(stub.calls[0]!.body).toEqual({ text: 'Đoàn công tác tỉnh Yamanashi làm việc.\n\nCác tin khác' });
    expect(shadowText(el, '.notice')).toEqual(['1 segments will be created. Converted: TCVN3']);
    // the <br> between text and reason has no text node
    expect(shadowText(el, '.removed label')).toEqual(['Các tin kháclist of other news at the end of the page']);
    expect(el.shadowRoot!.querySelectorAll('input[data-restore]')).toHaveLength(1);
  });
});
