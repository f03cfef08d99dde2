/**
 * Saved evaluation runs (`npm run eval -- --save`): the list and one run with its whole report.
 * The list endpoint may not exist on every server, so its 404 reads as "none yet"; a run's 404 is a real error.
 */
import type { EvalDetail, EvalListItem } from '../../../backend/src/schemas/evals.ts';
import { request } from './http.ts';

export type { EvalDetail, EvalListItem };

/** The eval runs, newest first, or an empty list when the server has no evals endpoint (404). */
export async function listEvals(signal?: AbortSignal): Promise<EvalListItem[]> {
  try {
    return (await request<{ evals: EvalListItem[] }>('/api/evals', { signal })).evals;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return [];
    throw err;
  }
}

/**
 * One saved run with its report.json as `report`.
 * @throws ApiError with status 404 (ERR_NOT_FOUND) when there is no such run.
 * @example const run = await getEval('eval_abc'); run.report.runs
 */
export async function getEval(id: string, signal?: AbortSignal): Promise<EvalDetail> {
  return request<EvalDetail>(`/api/evals/${encodeURIComponent(id)}`, { signal });
}
