/** Background jobs (translation, brief): start, follow over SSE, cancel. */
import type { Segment } from '../../../backend/src/schemas/article.ts';
import { request } from './http.ts';
import { readSse } from './sse.ts';

export interface JobProgress {
  done: number;
  total: number;
  failed: number;
}

export interface JobHandlers {
  progress?: (p: JobProgress) => void;
  segment?: (segment: Segment) => void;
  done?: (status: string) => void;
  error?: (message: string) => void;
}

/** Translate an article, or only `segmentIds` (a retry of failed ones). Resolves to the job id. */
export async function startTranslation(articleId: string, segmentIds?: string[]): Promise<string> {
  const res = await request<{ jobId: string }>(`/api/articles/${encodeURIComponent(articleId)}/translate`, {
    method: 'POST',
    json: segmentIds ? { segmentIds } : {},
  });
  return res.jobId;
}

/** Cancel a running job. */
export async function cancelJob(jobId: string): Promise<void> {
  await request<unknown>(`/api/jobs/${encodeURIComponent(jobId)}`, { method: 'DELETE' });
}

/**
 * Follow a job's events until it ends. Resolves with the final status (`done` event), or 'error' after an
 * `error` event, or 'closed' when the stream ended without either (the caller should reload).
 */
export async function watchJob(jobId: string, handlers: JobHandlers, signal?: AbortSignal): Promise<string> {
  let final = 'closed';
  await readSse(
    `/api/jobs/${encodeURIComponent(jobId)}/events`,
    (m) => {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(m.data) as Record<string, unknown>;
      } catch {
        return; // a keep-alive or a malformed line must not end the job view
      }
      if (m.event === 'progress') handlers.progress?.(data as unknown as JobProgress);
      else if (m.event === 'segment') handlers.segment?.(data.segment as Segment);
      else if (m.event === 'done') {
        final = String(data.status ?? 'done');
        handlers.done?.(final);
      } else if (m.event === 'error') {
        final = 'error';
        handlers.error?.(String(data.message ?? 'The job failed'));
      }
    },
    signal,
  );
  return final;
}
