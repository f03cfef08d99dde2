/** Evaluation runs; the endpoint may not exist on every server, so 404 reads as "none yet". */
import { request } from './http.ts';

export interface EvalRunSummary {
  id: string;
  createdAt?: string;
  name?: string;
  status?: string;
  scores?: Record<string, number>;
  [key: string]: unknown;
}

/** The eval runs, or an empty list when the server has no evals endpoint (404). */
export async function listEvals(signal?: AbortSignal): Promise<EvalRunSummary[]> {
  try {
    const res = await request<{ runs?: EvalRunSummary[]; evals?: EvalRunSummary[] } | EvalRunSummary[]>('/api/evals', { signal });
    if (Array.isArray(res)) return res;
    return res.runs ?? res.evals ?? [];
  } catch (err) {
    if ((err as { status?: number }).status === 404) return [];
    throw err;
  }
}
