// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { seg, SOURCES } from '../test/fixtures.ts';
import { setLang } from '../lib/i18n.ts';
import './wb-segment-row.ts';
import './wb-conflict-dialog.ts';
import type { WbSegmentRow } from './wb-segment-row.ts';
import type { WbConflictDialog } from './wb-conflict-dialog.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mountRow(props: Partial<WbSegmentRow>): Promise<WbSegmentRow> {
  const el = document.createElement('wb-segment-row');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const text = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();

describe('<wb-segment-row>', () => {
  const s = seg({
    id: 's1', index: 4, kind: 'lead', source: SOURCES[1]!, status: 'translated', version: 2,
    machineTranslation: 'Over 3 years the province attracted 16 FDI projects.', translation: 'Over 3 years the province attracted 16 FDI projects.',
    mtRun: { id: 'r1', model: 'gpt-4o-mini', promptId: 'translate', promptVersion: 'v1', createdAt: '2026-11-27T06:00:00Z' },
    qa: [{ code: 'QA_NUMBER_MISSING', severity: 'error', message: '"272,303 triệu" is not in the translation' }],
  });

  it('shows source, MT with its run on hover, badges, number and QA issues', async () => {
    const el = await mountRow({ segment: s, text: s.translation! });
    expect(text(el, '.src')).toBe(SOURCES[1]);
    expect(text(el, '.mt')).toBe('Over 3 years the province attracted 16 FDI projects.');
    expect(el.shadowRoot!.querySelector('.mt')!.getAttribute('title')).toMatch(/^Model gpt-4o-mini, prompt translate@v1, /);
    expect([text(el, '.num'), text(el, '.kind'), text(el, '.status')]).toEqual(['5', 'lead', 'translated']);
    expect(text(el, '.qa')).toBe('Number missing "272,303 triệu" is not in the translation');
    expect(el.shadowRoot!.querySelector('.qa li')!.getAttribute('title')).toBe('QA_NUMBER_MISSING');
    expect(el.shadowRoot!.querySelector('textarea')!.getAttribute('aria-label')).toBe('English translation of segment 5');
  });

  it('folds QA issues beyond three, errors first', async () => {
    const qa = ['a', 'b', 'c', 'd'].map((c, i) => ({ code: `QA_${c}`, severity: (i === 3 ? 'error' : 'warning') as 'error' | 'warning', message: c }));
    const el = await mountRow({ segment: { ...s, qa }, text: '' });
    const lists = el.shadowRoot!.querySelectorAll('ul.qa');
    expect([...lists[0]!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Check d', 'Check a', 'Check b']);
    expect(text(el, 'details summary')).toBe('more checks: 1');
    expect(text(el, 'details ul')).toBe('Check c');
  });

  it('titles QA issues in the interface language', async () => {
    setLang('vi');
    try {
      const el = await mountRow({ segment: { ...s, qa: [{ code: 'QA_NUMBER_FORMAT', severity: 'error', message: '"790,84" is written the Vietnamese way: in English write "790.84"' }] }, text: '' });
      expect(text(el, '.qa-title')).toBe('Số viết theo kiểu Việt');
    } finally {
      setLang('en');
    }
  });

  it('fires wb-edit with the typed text', async () => {
    const el = await mountRow({ segment: s, text: s.translation! });
    const got: unknown[] = [];
    document.body.addEventListener('wb-edit', (e) => got.push((e as CustomEvent).detail));
    const ta = el.shadowRoot!.querySelector('textarea')!;
    ta.value = 'In three years the province drew 16 FDI projects.';
    ta.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(got).toEqual([{ id: 's1', text: 'In three years the province drew 16 FDI projects.' }]);
  });

  it('keeps the typed (decomposed) text when the saved NFC text comes back', async () => {
    const typed = 'Tra\u0300n Ho\u0302\u0300ng Quang'; // "Trần Hồng Quang" as combining marks
    const el = await mountRow({ segment: s, text: typed });
    el.text = typed.normalize('NFC');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('textarea')!.value).toBe(typed);
    el.text = 'Another text';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('textarea')!.value).toBe('Another text');
  });

  it('shows the word diff of MT against the edit on demand', async () => {
    const el = await mountRow({ segment: s, text: 'Over 3 years the province drew 16 FDI projects.' });
    expect(el.shadowRoot!.querySelector('.diff')).toBeNull();
    el.showDiff = true;
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['attracted']);
    expect([...el.shadowRoot!.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['drew']);
  });

  it('shows a failed segment with its error and a retry button', async () => {
    const failed = seg({ id: 's2', status: 'failed', error: 'The model call failed: timeout' });
    const el = await mountRow({ segment: failed, text: '' });
    const got: string[] = [];
    document.body.addEventListener('wb-retry', (e) => got.push((e as CustomEvent).detail.id));
    expect(text(el, '.failed')).toBe('Translation failed: The model call failed: timeout Retry');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.failed button')!.click();
    expect(got).toEqual(['s2']);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.disabled).toBe(true);
  });

  it('highlights the same sentence in source and MT once the pointer rests on the row', async () => {
    const two = seg({
      id: 's3', source: 'Tỉnh đã tổ chức nhiều đoàn. Tỉnh thu hút 16 dự án.', sentences: [{ start: 0, end: 27 }, { start: 28, end: 50 }],
      machineTranslation: 'The province sent many delegations. It drew 16 projects.',
    });
    const el = await mountRow({ segment: two, text: '' });
    expect(el.shadowRoot!.querySelectorAll('[data-n]')).toHaveLength(0);
    el.shadowRoot!.querySelector('.row')!.dispatchEvent(new Event('pointerenter'));
    await el.updateComplete;
    // A row passing under the pointer while the list scrolls is not split into sentences.
    expect(el.shadowRoot!.querySelectorAll('[data-n]')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 200));
    await el.updateComplete;
    el.shadowRoot!.querySelectorAll('.mt [data-n="1"]')[0]!.dispatchEvent(new Event('mouseover', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('.hl')].map((x) => x.textContent)).toEqual(['Tỉnh thu hút 16 dự án.', 'It drew 16 projects.']);
  });
});

describe('<wb-conflict-dialog>', () => {
  it('merges both changes where they do not overlap, names who saved, and reports the choice', async () => {
    const el = document.createElement('wb-conflict-dialog') as WbConflictDialog;
    const base = 'The province welcomed 12 delegations.';
    const theirs = seg({ id: 's1', translation: 'The province welcomed 12 international delegations.', version: 7 });
    el.conflict = { id: 's1', mine: 'Hoa Binh province welcomed 12 delegations.', theirs, base };
    el.saver = { editor: 'lan', at: '2026-11-29T08:00:00Z', version: 7, after: theirs.translation };
    el.segmentNumber = 3;
    document.body.append(el);
    await el.updateComplete;
    expect(text(el, '.base')).toBe(base);
    expect(text(el, '.theirs ins')).toBe('international');
    expect(text(el, '.who')).toMatch(/^Saved by lan, .* \(version 7\)$/);
    const got: unknown[] = [];
    el.addEventListener('wb-resolve', (e) => got.push((e as CustomEvent).detail));
    const merged = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#merged')!;
    expect(merged.value).toBe('Hoa Binh province welcomed 12 international delegations.');
    expect(el.shadowRoot!.querySelector('.overlaps')).toBeNull();
    merged.value = 'Merged text';
    merged.dispatchEvent(new Event('input'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-choice="merged"]')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-choice="theirs"]')!.click();
    expect(got).toEqual([
      { id: 's1', choice: 'merged', text: 'Merged text', theirs },
      { id: 's1', choice: 'theirs', text: theirs.translation, theirs },
    ]);
  });

  it('lists the places both changed', async () => {
    const el = document.createElement('wb-conflict-dialog') as WbConflictDialog;
    el.conflict = { id: 's2', mine: 'They signed four agreements.', theirs: seg({ id: 's2', translation: 'They signed three agreements.', version: 4 }), base: 'They signed two agreements.' };
    document.body.append(el);
    await el.updateComplete;
    expect(text(el, '.overlaps li')).toBe('theirs “three”, yours “four”');
    expect(el.shadowRoot!.querySelector<HTMLTextAreaElement>('#merged')!.value).toBe('They signed four agreements.');
  });
});
