/**
 * QA as the rest of the app calls it: the pure checks of qa/ with the current termbase. Call `qaForSegment` after
 * every translation and every edit and store the result in the segment's `qa`.
 */
import type { Deps } from '../deps.ts';
import { runArticleQa, runQa, type QaSegment } from '../qa/index.ts';
import type { QaIssue } from '../schemas/article.ts';
import { getArticle } from './articles.ts';
import { terminologyFor } from './terminology.ts';

/** Issues of one source/translation pair against the termbase. */
export async function checkPair(deps: Pick<Deps, 'store'>, source: string, translation: string | null): Promise<QaIssue[]> {
  return runQa({ source, translation, terms: await terminologyFor(deps).index() });
}

/** Alias for the translation and editing flows: the issues to store on a segment after its translation changed. */
export const qaForSegment = checkPair;

/** Issues per segment of a whole article, including consistency across segments (same order as given). */
export async function checkArticle(deps: Pick<Deps, 'store'>, segments: readonly QaSegment[]): Promise<QaIssue[][]> {
  return runArticleQa(segments, await terminologyFor(deps).index());
}

/**
 * Fresh QA of a stored article, segment by segment, with the article-level consistency check. Nothing is written:
 * the stored `qa` of each segment is what the translation and editing flows last saved.
 */
export async function articleQa(deps: Pick<Deps, 'store'>, articleId: string): Promise<{ id: string; issues: QaIssue[] }[]> {
  const article = await getArticle(deps, articleId);
  const issues = await checkArticle(deps, article.segments);
  return article.segments.map((s, i) => ({ id: s.id, issues: issues[i]! }));
}
