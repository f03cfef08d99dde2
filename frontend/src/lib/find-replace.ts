/** Find and replace in the English column (pure): hits with their offsets, and the text after replacing them all. */

export interface FindOptions {
  caseSensitive: boolean;
  wholeWord: boolean;
}

export interface Hit {
  start: number;
  end: number;
}

/** The search as a global regular expression; null for an empty query. Word edges are Unicode letters and digits. */
export function findPattern(query: string, opts: FindOptions): RegExp | null {
  if (!query) return null;
  const escaped = query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = opts.wholeWord ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
  return new RegExp(body, opts.caseSensitive ? 'gu' : 'giu');
}

/**
 * Every hit of `query` in `text`.
 * @example findHits('Ha Noi and ha noi', 'Ha Noi', { caseSensitive: true, wholeWord: false }) // [{start: 0, end: 6}]
 */
export function findHits(text: string, query: string, opts: FindOptions): Hit[] {
  const re = findPattern(query, opts);
  if (!re) return [];
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * `text` with every hit replaced by `replacement` (taken literally: `$1` stays `$1`).
 * @example replaceHits('the province, the provinces', 'province', 'region', { caseSensitive: false, wholeWord: true }) === 'the region, the provinces'
 */
export function replaceHits(text: string, query: string, replacement: string, opts: FindOptions): string {
  const re = findPattern(query, opts);
  return re ? text.replace(re, () => replacement) : text;
}
