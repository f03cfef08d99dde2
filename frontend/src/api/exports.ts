/** Export URLs for an article and the memory (the browser downloads them); XLIFF is in `xliff.ts`. */

export type ExportFormat = 'md' | 'docx';
export type ExportKind = 'translation' | 'brief' | 'bilingual';

/**
 * The export URL for an article.
 * @example exportUrl('a1', 'docx', 'bilingual') === '/api/articles/a1/export?format=docx&kind=bilingual'
 */
export function exportUrl(articleId: string, format: ExportFormat, kind: ExportKind): string {
  return `/api/articles/${encodeURIComponent(articleId)}/export?format=${format}&kind=${kind}`;
}

/** The translation memory as TMX 1.4. */
export const TMX_URL = '/api/tm/export';
