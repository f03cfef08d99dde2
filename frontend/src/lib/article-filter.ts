/** Search and status filter of the article list (pure, so it is tested without a browser). */
import type { ArticleSummary } from '../../../backend/src/schemas/article.ts';
import { fold } from './fold.ts';

/**
 * Articles whose title contains `query` (ignoring case and Vietnamese diacritics) and whose status matches.
 * @example filterArticles(list, "hoa binh", "") // matches "Hòa Bình"
 */
export function filterArticles(list: ArticleSummary[], query: string, status: string): ArticleSummary[] {
  const q = fold(query.trim());
  return list.filter((a) => (!status || a.status === status) && (!q || fold(a.title).includes(q)));
}
