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
