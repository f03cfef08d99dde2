import { describe, expect, it } from 'vitest';
import type { Term } from '../api/terms.ts';
import { filterTerms } from './term-filter.ts';

const term = (id: string, vi: string, en: string, more: Partial<Term> = {}): Term => ({ id, vi, en, forbidden: [], caseSensitive: false, ...more });
const TERMS = [
  term('t1', 'tỉnh Hòa Bình', 'Hoa Binh Province'),
  term('t2', 'Sở Ngoại vụ', 'Department of Foreign Affairs', { abbr: 'SNgV', forbidden: ['Foreign Service Department'] }),
  term('t3', 'Ủy ban nhân dân tỉnh', "Provincial People's Committee", { abbr: 'UBND tỉnh', note: 'not "People\'s Committee of the province"' }),
  term('t4', 'Nghị quyết', 'Resolution', { domain: 'party' }),
];

describe('filterTerms', () => {
  it.each([
    { name: 'empty query keeps all', q: '  ', want: ['t1', 't2', 't3', 't4'] },
    { name: 'Vietnamese, same tone placement', q: 'Hòa Bình', want: ['t1'] },
    { name: 'Vietnamese, old tone placement', q: 'hoà bình', want: ['t1'] },
    { name: 'old placement on uy', q: 'uỷ ban', want: ['t3'] },
    { name: 'toneless syllable does not find a toned one', q: 'hoa bình', want: [] },
    { name: 'English without tones', q: 'hoa binh province', want: ['t1'] },
    { name: 'a query without any diacritics ignores them', q: 'so ngoai vu', want: ['t2'] },
    { name: 'without diacritics, a longer phrase', q: 'uy ban nhan dan', want: ['t3'] },
    { name: 'without diacritics, Vietnamese or English', q: 'hoa binh', want: ['t1'] },
    { name: 'a wrong tone misses', q: 'hóa bình', want: [] },
    { name: 'English, any case', q: 'foreign AFFAIRS', want: ['t2'] },
    { name: 'abbreviation', q: 'ubnd', want: ['t3'] },
    { name: 'forbidden variant', q: 'service department', want: ['t2'] },
    { name: 'domain', q: 'party', want: ['t4'] },
    { name: 'note', q: 'of the province', want: ['t3'] },
    { name: 'prefix of a syllable', q: 'nghị qu', want: ['t4'] },
  ])('$name', ({ q, want }) => {
    expect(filterTerms(TERMS, q).map((t) => t.id)).toEqual(want);
  });
});
