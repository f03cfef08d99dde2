/** Download links for an article's exports (the browser downloads them; nothing to parse here). */

export type ExportFormat = 'md' | 'docx';
export type ExportKind = 'translation' | 'brief' | 'bilingual';

/**
 * The export URL for an article.
 * @example exportUrl('a1', 'docx', 'bilingual') === '/api/articles/a1/export?format=docx&kind=bilingual'
 */
export function exportUrl(articleId: string, format: ExportFormat, kind: ExportKind): string {
  return `/api/articles/${encodeURIComponent(articleId)}/export?format=${format}&kind=${kind}`;
}
