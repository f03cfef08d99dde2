/** Export and interchange URLs for an article (the browser downloads them), and the XLIFF re-import. */
import { request } from './http.ts';

export type ExportFormat = 'md' | 'docx';
export type ExportKind = 'translation' | 'brief' | 'bilingual';

/**
 * The export URL for an article.
 * @example exportUrl('a1', 'docx', 'bilingual') === '/api/articles/a1/export?format=docx&kind=bilingual'
 */
export function exportUrl(articleId: string, format: ExportFormat, kind: ExportKind): string {
  return `/api/articles/${encodeURIComponent(articleId)}/export?format=${format}&kind=${kind}`;
}

/**
 * The XLIFF export URL of an article (2.0 by default, 1.2 for older CAT tools).
 * @example xliffUrl('a1', '1.2') === '/api/articles/a1/xliff?version=1.2'
 */
export function xliffUrl(articleId: string, version: '2.0' | '1.2' = '2.0'): string {
  return `/api/articles/${encodeURIComponent(articleId)}/xliff?version=${version}`;
}

/** The translation memory as TMX 1.4. */
export const TMX_URL = '/api/tm/export';

/** What an XLIFF re-import changed. */
export interface XliffImportResult {
  version: string;
  updated: string[];
  unchanged: number;
  unknownIds: string[];
  changedSources: string[];
  conflicts: string[];
}

/** Send an XLIFF file edited in a CAT tool back onto the article's segments. */
export function importXliff(articleId: string, file: Blob, fileName = 'article.xliff'): Promise<XliffImportResult> {
  const form = new FormData();
  form.append('file', file, fileName);
  return request<XliffImportResult>(`/api/articles/${encodeURIComponent(articleId)}/xliff`, { method: 'POST', body: form });
}
