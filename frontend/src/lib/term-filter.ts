/**
 * The termbase search: Vietnamese or English, case-insensitive. A query typed without any diacritics ("so ngoai vu")
 * ignores them, as the article search does; a query with diacritics is exact on them but not on tone placement.
 */
import { lowerKey, toneKey } from '../../../backend/src/text/normalise.ts';
import type { Term } from '../api/terms.ts';
import { fold } from './fold.ts';

const MARK = /\p{M}/u;
const key = (s: string) => toneKey(lowerKey(s.replace(/\s+/g, ' ').trim()));

/**
 * True when `needle` occurs in `hay` and the match does not stop inside a syllable's tone: the key moves each tone
 * mark to the end of its syllable, so "hoa" would otherwise find "hòa" and a search would ignore tones.
 */
function contains(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (MARK.test(needle.at(-1) ?? '') || !MARK.test(hay[i + needle.length] ?? '')) return true;
  }
  return false;
}

/**
 * The terms whose Vietnamese, English, abbreviation, forbidden variants, note or domain contain the query.
 * @example filterTerms(terms, 'hoà bình') // finds "tỉnh Hòa Bình"; 'hoa binh' finds it too, 'hóa bình' does not
 */
export function filterTerms(terms: readonly Term[], query: string): Term[] {
  const q = key(query);
  if (!q) return [...terms];
  const fields = (t: Term) => [t.vi, t.en, t.abbr, t.note, t.domain, ...t.forbidden];
  const plain = key(fold(query));
  if (plain === q) return terms.filter((t) => fields(t).some((f) => f && key(fold(f)).includes(plain)));
  return terms.filter((t) => fields(t).some((f) => f && contains(key(f), q)));
}
