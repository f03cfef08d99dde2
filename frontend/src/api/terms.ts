/** The termbase: list, add, change, delete, and import/export as CSV or TBX. */
import type { CreateTermBody, ImportResult, PatchTermBody, Term } from '../../../backend/src/schemas/terminology.ts';
import { request } from './http.ts';

export type { CreateTermBody, ImportResult, PatchTermBody, Term };

export type TermFileFormat = 'csv' | 'tbx';

/** Every term, in the server's order. */
export async function listTerms(signal?: AbortSignal): Promise<Term[]> {
  return (await request<{ terms: Term[] }>('/api/terms', { signal })).terms;
}

/** Add a term; a duplicate (same Vietnamese and English) is refused with 409 ERR_CONFLICT. */
export function createTerm(body: CreateTermBody): Promise<Term> {
  return request<Term>('/api/terms', { method: 'POST', json: body });
}

/** Change some fields of a term; `null` clears an optional field. */
export function updateTerm(id: string, patch: PatchTermBody): Promise<Term> {
  return request<Term>(`/api/terms/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch });
}

/** Delete a term. */
export async function deleteTerm(id: string): Promise<void> {
  await request<unknown>(`/api/terms/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Import a CSV (header `vi,en,abbr,note,...`) or TBX file, sent as multipart field `file`; the server tells the
 * format from the content. With `dryRun` nothing is saved and the answer lists what the import would overwrite.
 */
export function importTerms(file: Blob, options: { dryRun?: boolean; fileName?: string } = {}): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, options.fileName ?? (file as File).name ?? 'terms.csv');
  return request<ImportResult>(`/api/terms/import${options.dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form });
}

/**
 * The download URL of the whole termbase.
 * @example termsExportUrl('tbx') === '/api/terms/export?format=tbx'
 */
export function termsExportUrl(format: TermFileFormat): string {
  return `/api/terms/export?format=${format}`;
}
