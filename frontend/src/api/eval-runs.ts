/** Eval runs started from the Evaluations page: the choices, start, follow over SSE, cancel. */
import type { EvalRunOptions, EvalRunRequest, EvalRunState } from '../../../backend/src/schemas/eval-runs.ts';
import { request } from './http.ts';
import { readSse } from './sse.ts';

export type { EvalRunOptions, EvalRunRequest, EvalRunState };

/** The translation prompts, the configured model and the saved datasets with their sizes. */
export function getEvalRunOptions(signal?: AbortSignal): Promise<EvalRunOptions> {
  return request<EvalRunOptions>('/api/eval-runs/options', { signal });
}

/**
 * Start a run; it is saved like `npm run eval -- --save` when it finishes.
 * @throws ApiError: 400 naming a bad uploaded line, prompt or model; 409 while another run is going; 503 without a model
 */
/** The runs this server started since it began, newest first (a running one can be followed again after a reload). */
export async function listEvalRuns(signal?: AbortSignal): Promise<EvalRunState[]> {
  return (await request<{ runs: EvalRunState[] }>('/api/eval-runs', { signal })).runs;
}

export function startEvalRun(body: EvalRunRequest): Promise<EvalRunState> {
  return request<EvalRunState>('/api/eval-runs', { method: 'POST', json: body });
}

export function cancelEvalRun(id: string): Promise<EvalRunState> {
  return request<EvalRunState>(`/api/eval-runs/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Call `onState` with the run's state as it progresses; resolves with the final state (or the last seen, on abort). */
export async function followEvalRun(id: string, onState: (run: EvalRunState) => void, signal?: AbortSignal): Promise<EvalRunState | null> {
  let last: EvalRunState | null = null;
  await readSse(`/api/eval-runs/${encodeURIComponent(id)}/events`, (m) => {
    if (m.event !== 'progress' && m.event !== 'done') return;
    last = (JSON.parse(m.data) as { run: EvalRunState }).run;
    onState(last);
  }, signal);
  return last;
}
