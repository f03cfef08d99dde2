// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { TmMatch } from '../api/tm.ts';
import { json, mount, settle, shadowText, seg, SOURCES, stubFetch, useStub } from '../test/fixtures.ts';
import '../views/wb-terms-view.ts';
import './wb-segment-row.ts';
import './wb-tm-matches.ts';
afterEach(() => {
  document.body.innerHTML = '';
});

const text = shadowText;

const TERMS = [
  { id: 't1', vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', abbr: 'SNgV', forbidden: ['Foreign Service Department'], caseSensitive: false },
  { id: 't2', vi: 'tỉnh Hòa Bình', en: 'Hoa Binh Province', forbidden: [], caseSensitive: true, validFrom: '1991-10-12', domain: 'place' },
];

describe('<wb-terms-view>', () => {
  it('lists the terms and filters them by a search in the other tone placement', async () => {
    useStub(stubFetch([(u) => (u === '/api/terms' ? json({ terms: TERMS }) : undefined)]));
    const el = await mount('wb-terms-view');
    await settle(el);
    expect(text(el, 'tbody td.vi')).toEqual(['Sở Ngoại vụ', 'tỉnh Hòa Bình']);
    expect(text(el, 'tbody tr:nth-child(2) td')).toEqual(['tỉnh Hòa Bình', 'Hoa Binh Province case-sensitive', '', '', '1991-10-12 – …', 'place', 'Edit Delete']);
    const q = el.shadowRoot!.querySelector<HTMLInputElement>('#tq')!;
    q.value = 'hoà bình';
    q.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(el, 'tbody td.vi')).toEqual(['tỉnh Hòa Bình']);
    expect(text(el, '.count')).toEqual(['1 of 2 terms']);
  });

  it('shows the server error with a retry when the list cannot load', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_INTERNAL', message: 'Internal error: the server log has the details' } }, 500)]));
    const el = await mount('wb-terms-view');
    await settle(el);
    expect(text(el, '[role="alert"]')).toEqual(['Error: Internal error: the server log has the details Retry']);
  });

  it('shows the empty state', async () => {
    useStub(stubFetch([() => json({ terms: [] })]));
    const el = await mount('wb-terms-view');
    await settle(el);
    expect(text(el, '.state')).toEqual(['The termbase is empty. Add a term or import a CSV or TBX file.']);
  });
});

const fuzzy: TmMatch = { id: 'tm_2', source: SOURCES[1]!.replace('16', '15'), target: 'Over 3 years the province attracted 15 FDI projects.', score: 0.9871, exact: false, createdBy: 'lan', updatedAt: '2026-11-27T06:00:00.000Z' };

describe('<wb-tm-matches>', () => {
  it('shows each match with its floored percentage and uses one in the edit', async () => {
    const el = await mount('wb-tm-matches', { segmentId: 's2', found: [fuzzy], current: 'Over 3 years the province attracted 16 FDI projects.' });
    expect(text(el, '.pct')).toEqual(['98%']);
    const used: unknown[] = [];
    document.addEventListener('wb-use-tm', (e) => used.push((e as CustomEvent).detail), { once: true });
    el.shadowRoot!.querySelector('button')!.click();
    expect(used).toEqual([{ id: 's2', text: 'Over 3 years the province attracted 15 FDI projects.' }]);
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).toBe('Use the 98% memory match in the edit');
  });

  it('disables a match equal to the edit and says when it is loading', async () => {
    const el = await mount('wb-tm-matches', { segmentId: 's2', found: [fuzzy], current: fuzzy.target });
    expect(el.shadowRoot!.querySelector('button')!.disabled).toBe(true);
    el.found = 'loading';
    await el.updateComplete;
    expect(text(el, '[role="status"]')).toEqual(['Looking up the memory…']);
  });
});

describe('<wb-segment-row> and the memory', () => {
  it('marks a segment filled from memory and shows matches only when set', async () => {
    const s = seg({ id: 's1', origin: 'memory', status: 'translated', machineTranslation: null, translation: 'A Yamanashi (Japan) delegation held talks.' });
    const el = await mount('wb-segment-row', { segment: s, text: s.translation! });
    expect(text(el, '.origin-memory')).toEqual(['from memory']);
    expect(text(el, '.mt')).toEqual(['From translation memory']);
    expect(el.shadowRoot!.querySelector('wb-tm-matches')).toBeNull();
    el.tm = [fuzzy];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('wb-tm-matches')!.found).toEqual([fuzzy]);
    const plain = await mount('wb-segment-row', { segment: seg({ id: 's2', origin: 'model' }), text: '' });
    expect(plain.shadowRoot!.querySelector('.origin-memory')).toBeNull();
  });
});
