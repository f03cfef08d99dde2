/** Export URLs for an article and the memory (the browser downloads them); XLIFF is in `xliff.ts`. */
import { ApiError, getFetch } from './http.ts';

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

/** Why a final export was refused: segments not yet approved, or QA errors left (each with its segment). */
export type FinalRefusal =
  | { kind: 'not-final'; message: string; segments: Array<{ segmentId: string; segmentIndex: number; status: string }> }
  | { kind: 'qa'; message: string; issues: Array<{ segmentId: string; segmentIndex: number; code: string; message: string; params?: Record<string, string | number> }> };

/**
 * Ask for a final export (every segment approved, no QA error). The file comes back as a Blob with its name; a 409
 * comes back as the refusal with its list, never as a downloaded error page.
 * @throws ApiError for any other failure
 */
export async function finalExport(articleId: string, format: ExportFormat, kind: ExportKind): Promise<{ ok: true; blob: Blob; filename: string } | { ok: false; refusal: FinalRefusal }> {
  const url = `${exportUrl(articleId, format, kind)}&final=true`;
  let res: Response;
  try {
    res = await getFetch()(url);
  } catch {
    throw new ApiError(0, 'ERR_NETWORK', 'The server cannot be reached. Check that it is running.', null);
  }
  if (res.ok) {
    const disposition = res.headers.get('content-disposition') ?? '';
    const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    const filename = utf8 ? decodeURIComponent(utf8) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? `export.${format}`);
    return { ok: true, blob: await res.blob(), filename };
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string }; segments?: []; issues?: [] } | null;
  const code = body?.error?.code ?? `HTTP_${res.status}`;
  const message = body?.error?.message ?? `${res.status} ${res.statusText}`;
  if (res.status === 409 && code === 'ERR_EXPORT_NOT_FINAL') return { ok: false, refusal: { kind: 'not-final', message, segments: body?.segments ?? [] } };
  if (res.status === 409 && code === 'ERR_QA_GATE_BLOCKED') return { ok: false, refusal: { kind: 'qa', message, issues: body?.issues ?? [] } };
  throw new ApiError(res.status, code, message, body);
}
