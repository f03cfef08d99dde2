// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { json, mount, seg, settle, shadowText, stubFetch, useStub } from '../test/fixtures.ts';
import { setLang } from '../lib/i18n.ts';
import './wb-propagation-toast.ts';

afterEach(() => {
  document.body.innerHTML = '';
  setLang('en');
});

const items = [
  { id: 's2', version: 2, previous: { translation: null, status: 'new', origin: null, version: 1 } },
  { id: 's3', version: 4, previous: { translation: 'A draft', status: 'translated', origin: 'model', version: 3 } },
];

describe('<wb-propagation-toast>', () => {
  it('offers to undo the filled segments, sends them back as they were and says what happened', async () => {
    const stub = useStub(stubFetch([() => json({ restored: [seg({ id: 's2' })], skipped: ['s3'] })]));
    const el = await mount('wb-propagation-toast', { items });
    expect(shadowText(el, '.toast span')).toEqual(['Filled 2 identical segments']);
    let done = 0;
    el.addEventListener('wb-propagation-done', () => done++);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="undo-propagation"]')!.click();
    await settle(el);
    expect(stub.calls).toEqual([expect.objectContaining({ url: '/api/segments/propagation/undo', method: 'POST', body: { items } })]);
    expect(shadowText(el, '.toast span')).toEqual(['Restored 1 segments; 1 changed since and were left as they are']);
    expect(done).toBe(1);
  });

  it('shows nothing without filled segments, and speaks Vietnamese', async () => {
    const el = await mount('wb-propagation-toast', { items: [] });
    expect(el.shadowRoot!.querySelector('.toast')).toBeNull();
    setLang('vi');
    el.items = items;
    await settle(el);
    expect(shadowText(el, '.toast span')).toEqual(['Đã điền 2 đoạn giống hệt']);
  });
});
