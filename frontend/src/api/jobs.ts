/** Background jobs (translation, brief): start, follow over SSE, cancel. */
import type { Segment } from '../../../backend/src/schemas/article.ts';
import { request } from './http.ts';
import { readSse } from './sse.ts';

export interface JobProgress {
  done: number;
  total: number;
  failed: number;
}

/**
 * A segment result as it streams in: the server sends its id, status, translation and error (and may send the whole
 * segment, which then rides along as `segment`).
 */
export interface SegmentUpdate {
  id: string;
  status: Segment['status'];
  translation: string | null;
  error: string | null;
  segment?: Segment;
}

export interface JobHandlers {
  progress?: (p: JobProgress) => void;
  segment?: (update: SegmentUpdate) => void;
  done?: (status: string) => void;
  error?: (message: string) => void;
}

/**
 * Translate an article: `all` re-translates every segment no editor touched, `missing` only the untranslated and
 * failed ones (the retry). Resolves to the job id.
 */
export async function startTranslation(articleId: string, scope: 'all' | 'missing' = 'all'): Promise<string> {
  const res = await request<{ jobId: string }>(`/api/articles/${encodeURIComponent(articleId)}/translate`, {
    method: 'POST',
    json: { scope },
  });
  return res.jobId;
}

/** A job as the server lists it (the fields the UI reads). */
export interface JobSummary {
  id: string;
  kind: 'translate' | 'brief';
  status: string;
  total: number;
  done: number;
  failed: number;
}

/** The jobs of an article, newest first; an empty list when the server cannot list them. */
export async function listJobs(articleId: string): Promise<JobSummary[]> {
  try {
    const res = await request<{ jobs: JobSummary[] }>(`/api/articles/${encodeURIComponent(articleId)}/jobs`);
    return res.jobs;
  } catch {
    return [];
  }
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
      // Counts and status come either flat ({done, total, failed} / {status}) or inside the job ({job: {...}}).
      const job = (data.job ?? data) as Record<string, unknown>;
      if (m.event === 'progress') handlers.progress?.({ done: Number(job.done ?? 0), total: Number(job.total ?? 0), failed: Number(job.failed ?? 0) });
      else if (m.event === 'segment') {
        const full = data.segment as Segment | undefined;
        handlers.segment?.({
          id: String(full?.id ?? data.segmentId),
          status: (full?.status ?? data.status) as Segment['status'],
          translation: (full ? full.machineTranslation : data.translation) as string | null,
          error: (full?.error ?? data.error ?? null) as string | null,
          ...(full ? { segment: full } : {}),
        });
      } else if (m.event === 'done') {
        if (job.total !== undefined) handlers.progress?.({ done: Number(job.done ?? 0), total: Number(job.total), failed: Number(job.failed ?? 0) });
        final = String(job.status ?? 'done');
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

/**
 * Start a translation and follow it to its end. `started` gets the job id at once (for a cancel button).
 * Resolves with the final status ('done', 'partial', 'cancelled', 'error', 'closed').
 * @throws ApiError when the job cannot start (503 ERR_MODEL_NOT_CONFIGURED names what to set).
 */
export async function translateAndWatch(
  articleId: string,
  scope: 'all' | 'missing' | { follow: string },
  handlers: JobHandlers & { started?: (jobId: string) => void },
  signal?: AbortSignal,
): Promise<string> {
  // `{ follow: jobId }` joins a translation that is already running (the page was reloaded meanwhile).
  const jobId = typeof scope === 'object' ? scope.follow : await startTranslation(articleId, scope);
  handlers.started?.(jobId);
  return watchJob(jobId, handlers, signal);
}
