/** XLIFF for CAT tools: the download URL of an article's file, and the import of the edited file. */
import type { XliffImportResult } from '../../../backend/src/schemas/terminology.ts';
import { request } from './http.ts';

export type { XliffImportResult };
export type XliffVersion = '2.0' | '1.2';

/**
 * The download URL of an article as XLIFF.
 * @example xliffUrl('a1', '1.2') === '/api/articles/a1/xliff?version=1.2'
 */
export function xliffUrl(articleId: string, version: XliffVersion): string {
  return `/api/articles/${encodeURIComponent(articleId)}/xliff?version=${version}`;
}

/** Send an edited XLIFF file back; the answer lists what changed and every unit that was ignored, with the reason. */
export function importXliff(articleId: string, file: Blob, fileName = (file as File).name ?? 'article.xlf'): Promise<XliffImportResult> {
  const form = new FormData();
  form.append('file', file, fileName);
  return request<XliffImportResult>(`/api/articles/${encodeURIComponent(articleId)}/xliff`, { method: 'POST', body: form });
}
