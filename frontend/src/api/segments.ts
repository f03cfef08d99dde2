/** Segment edits with optimistic locking: a stale version comes back as a conflict, never an overwrite. */
import type { PatchSegmentBody, Segment } from '../../../backend/src/schemas/article.ts';
import { ApiError, request } from './http.ts';

export type { PatchSegmentBody };

export type PatchResult = { ok: true; segment: Segment } | { ok: false; conflict: Segment };

/**
 * Save a segment change. A 409 ERR_SEGMENT_VERSION_CONFLICT resolves to `{ok: false, conflict}` with the
 * server's current segment, so the caller can show both versions; every other failure throws ApiError.
 */
export async function patchSegment(id: string, patch: PatchSegmentBody): Promise<PatchResult> {
  return patchOnce(id, patch);
}

/**
 * `patchSegment` that meets the QA gate (409 ERR_QA_GATE_BLOCKED on confirm/approve) by asking `askReason` for the
 * reason to approve anyway and sending it as `qaOverride`; no reason leaves the segment as it was (the error is thrown).
 * @example new SegmentStore(segments, { save: patchWithQaGate((msg) => prompt(msg)) })
 */
export function patchWithQaGate(askReason: (message: string, issues: unknown[]) => string | null | undefined | Promise<string | null | undefined>) {
  return async (id: string, patch: PatchSegmentBody): Promise<PatchResult> => {
    try {
      return await patchOnce(id, patch);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'ERR_QA_GATE_BLOCKED') throw err;
      const reason = (await askReason(err.message, (err.body as { issues?: unknown[] } | null)?.issues ?? []))?.trim();
      if (!reason) throw err;
      return patchOnce(id, { ...patch, qaOverride: { reason } });
    }
  };
}

async function patchOnce(id: string, patch: PatchSegmentBody): Promise<PatchResult> {
  try {
    const segment = await request<Segment>(`/api/segments/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch });
    return { ok: true, segment };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      const current = (err.body as { current?: Segment } | null)?.current;
      if (current) return { ok: false, conflict: current };
    }
    throw err;
  }
}
