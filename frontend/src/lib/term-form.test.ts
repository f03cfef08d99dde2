import { describe, expect, it } from 'vitest';
import type { Term } from '../api/terms.ts';
import { createBody, draftOf, draftProblem, patchBody } from './term-form.ts';

const saved: Term = { id: 't1', vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', note: 'merged into Hà Nội in 2008', forbidden: ['Hatay'], caseSensitive: false, validTo: '2008-07-31', domain: 'place' };

describe('term form', () => {
  it('round-trips a saved term through the draft without changes', () => {
    const d = draftOf(saved);
    expect(d).toEqual({ vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', abbr: '', note: 'merged into Hà Nội in 2008', forbidden: 'Hatay', caseSensitive: false, validFrom: '', validTo: '2008-07-31', domain: 'place' });
    expect(patchBody(saved, d)).toEqual({});
  });

  it('builds a POST body without empty optional fields, one forbidden variant per line', () => {
    const d = { ...draftOf(), vi: ' Sở Ngoại vụ ', en: 'Department of Foreign Affairs', forbidden: 'Foreign Service Department\n\n Department of External Relations, Hoa Binh \n', abbr: 'SNgV' };
    expect(createBody(d)).toEqual({
      vi: 'Sở Ngoại vụ', en: 'Department of Foreign Affairs', abbr: 'SNgV', caseSensitive: false,
      forbidden: ['Foreign Service Department', 'Department of External Relations, Hoa Binh'],
    });
  });

  it('patches only what changed and clears emptied fields with null', () => {
    const d = { ...draftOf(saved), note: '', domain: 'administrative unit', caseSensitive: true, forbidden: 'Hatay\nHa Tay province' };
    expect(patchBody(saved, d)).toEqual({ note: null, domain: 'administrative unit', caseSensitive: true, forbidden: ['Hatay', 'Ha Tay province'] });
  });

  it.each([
    { name: 'no Vietnamese', over: { vi: ' ' }, want: 'termNeedsVi' },
    { name: 'no English', over: { en: '' }, want: 'termNeedsEn' },
    { name: 'dates reversed', over: { validFrom: '2009-01-01', validTo: '2008-07-31' }, want: 'termDatesOrder' },
    { name: 'complete', over: { validFrom: '1991-10-12' }, want: null },
  ])('$name', ({ over, want }) => {
    expect(draftProblem({ ...draftOf(saved), ...over })).toBe(want);
  });
});
