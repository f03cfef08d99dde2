/** Search and status filter of the article list (pure, so it is tested without a browser). */
import type { ArticleSummary } from '../../../backend/src/schemas/article.ts';

/**
 * Articles whose title contains `query` (ignoring case and Vietnamese diacritics) and whose status matches.
 * @example filterArticles(list, "hoa binh", "") // matches "Hòa Bình"
 */
export function filterArticles(list: ArticleSummary[], query: string, status: string): ArticleSummary[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const q = fold(query.trim());
  return list.filter((a) => (!status || a.status === status) && (!q || fold(a.title).includes(q)));
}
