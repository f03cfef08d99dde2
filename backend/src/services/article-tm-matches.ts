/**
 * "Has memory match" for every segment of an article at once: the best memory score of each segment's source, at
 * or above the lookup threshold, computed in one pass over the memory with the lookup's own scoring (similarity of
 * the match keys, figures that differ capped and penalised), so the editor's filter and its count need no lookup
 * per row.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { translationMemoryRepository } from '../storage/kysely/terms-repository.ts';
import type { TmUnitRow } from '../storage/terminology-types.ts';
import { matchKey } from '../text/normalise.ts';
import { configuredThreshold, figureChanges, figuresOf, penalisedScore, similarity } from './translation-memory.ts';

export interface SourceItem {
  id: string;
  source: string;
}

/**
 * The best score (rounded to 0.001, as lookups report it) per item whose source has a memory match at or above
 * `threshold`; items without one are left out. A unit made from the item itself (its own approval) does not count:
 * "has a match" is about help from elsewhere. Matches are of the whole source, as a lookup's first matches are.
 * @example bestScores([{ id: 'a', source: 'Ký với 3 tỉnh bạn.' }], units, 0.75) // { a: 0.9 } with 'Ký với 2 tỉnh bạn.' stored
 */
export function bestScores(items: readonly SourceItem[], units: readonly TmUnitRow[], threshold: number): Record<string, number> {
  const pool = units.filter((u) => u.source_key).sort((a, b) => a.source_key.length - b.source_key.length);
  const lengths = pool.map((u) => u.source_key.length);
  const exact = new Map<string, TmUnitRow[]>();
  for (const u of pool) exact.set(u.source_key, [...(exact.get(u.source_key) ?? []), u]);
  const letters = new Map<string, number>();
  const keys = items.map((i) => matchKey(i.source));
  for (const key of [...keys, ...pool.map((u) => u.source_key)]) for (const ch of key) if (!letters.has(ch)) letters.set(ch, letters.size);
  const counts = (key: string) => {
    const h = new Uint16Array(letters.size);
    for (const ch of key) h[letters.get(ch)!]!++;
    return h;
  };
  const poolCounts = pool.map((u) => counts(u.source_key));
  // Read lazily: most units are never close enough to any segment for their figures to matter.
  const poolFigures: (string[] | undefined)[] = [];
  const out: Record<string, number> = {};
  for (const [n, item] of items.entries()) {
    const key = keys[n]!;
    if (!key) continue;
    if (exact.get(key)?.some((u) => u.segment_id !== item.id)) {
      out[item.id] = 1;
      continue;
    }
    // Only keys whose length is within the threshold can reach it (as in lookups). The edit distance is the costly
    // part (2,000 candidates of 450 characters take seconds), so each candidate first gets a cheap upper bound of
    // its score: the length difference, the letters one key has and the other lacks, then the figures that differ
    // (the same penalty a lookup applies). Candidates are scored best bound first, and the scan stops when no
    // bound left can beat the best score found.
    const lo = Math.floor(key.length * threshold);
    const hi = Math.ceil(key.length / threshold);
    const mine = counts(key);
    const figures = figuresOf(item.source);
    const bounded: { i: number; bound: number }[] = [];
    for (let i = lowerBound(lengths, lo); i < pool.length && lengths[i]! <= hi; i++) {
      if (pool[i]!.segment_id === item.id) continue;
      const longer = Math.max(lengths[i]!, key.length);
      const bound = Math.min(1 - Math.abs(lengths[i]! - key.length) / longer, 1 - letterDistance(mine, poolCounts[i]!) / longer);
      if (bound >= threshold) bounded.push({ i, bound });
    }
    bounded.sort((a, b) => b.bound - a.bound);
    let best = 0;
    for (const c of bounded) {
      if (c.bound <= best) break;
      const changes = figureChanges((poolFigures[c.i] ??= figuresOf(pool[c.i]!.source)), figures).length;
      const capped = penalisedScore(c.bound, changes);
      if (capped <= best || capped < threshold) continue;
      const raw = similarity(key, pool[c.i]!.source_key);
      if (raw >= threshold) best = Math.max(best, penalisedScore(raw, changes));
    }
    if (best >= threshold) out[item.id] = Math.round(best * 1000) / 1000;
  }
  return out;
}

/** A lower bound of the edit distance: each letter one text has more of than the other needs an edit. */
function letterDistance(a: Uint16Array, b: Uint16Array): number {
  let more = 0;
  let less = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d > 0) more += d;
    else less -= d;
  }
  return Math.max(more, less);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The best memory score per segment of an article (see `bestScores`), with the threshold used.
 * @throws ERR_ARTICLE_NOT_FOUND
 */
export async function articleTmMatches(deps: Pick<Deps, 'store' | 'config'>, articleId: string): Promise<{ threshold: number; scores: Record<string, number> }> {
  if (!(await deps.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  const segments = await deps.store.segments.listByArticle(articleId);
  const threshold = configuredThreshold(deps);
  const units = await translationMemoryRepository(deps.store.db).all();
  return { threshold, scores: bestScores(segments.map((s) => ({ id: s.id, source: s.source })), units, threshold) };
}
