/** Translation-memory lookup: approved translations of the same or a similar Vietnamese source. */
import type { TmMatch } from '../../../backend/src/schemas/terminology.ts';
import { request } from './http.ts';

export type { TmMatch };

/**
 * Matches for a source, best first; the server drops those under its threshold (0.75 unless configured).
 * @example const [best] = await lookupTm('Đoàn công tác tỉnh Yamanashi làm việc.'); // best.score === 1 when exact
 */
export async function lookupTm(source: string, opts: { threshold?: number; limit?: number; signal?: AbortSignal } = {}): Promise<TmMatch[]> {
  const q = new URLSearchParams({ source });
  if (opts.threshold !== undefined) q.set('threshold', String(opts.threshold));
  if (opts.limit !== undefined) q.set('limit', String(opts.limit));
  return (await request<{ matches: TmMatch[] }>(`/api/tm/lookup?${q}`, { signal: opts.signal })).matches;
}

/**
 * Every segment's best memory score (at or above the server's threshold), by segment id, in one request: what the
 * editor's "has memory match" filter counts. Segments without a match are absent.
 */
export async function articleTmScores(articleId: string): Promise<Record<string, number>> {
  return (await request<{ threshold: number; scores: Record<string, number> }>(`/api/articles/${encodeURIComponent(articleId)}/tm-matches`)).scores;
}
