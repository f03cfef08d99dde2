/** Segment edits with optimistic locking: a stale version comes back as a conflict, never an overwrite. */
import type { PatchSegmentBody, QaIssue, Segment } from '../../../backend/src/schemas/article.ts';
import { ApiError, request } from './http.ts';

/** A change to a segment; `qaOverride` confirms a status change the QA gate blocked, with the reason recorded. */
export type SegmentPatch = PatchSegmentBody & { qaOverride?: { reason: string } };
export type { PatchSegmentBody };

/** Why the QA gate refused a status change: the server's message and the blocking issues. */
export interface QaBlock {
  message: string;
  issues: QaIssue[];
}

export type PatchResult = { ok: true; segment: Segment } | { ok: false; conflict: Segment } | { ok: false; qaBlocked: QaBlock };

/**
 * Save a segment change. A 409 ERR_SEGMENT_VERSION_CONFLICT resolves to `{ok: false, conflict}` with the server's
 * current segment, so the caller can merge; a 409 ERR_QA_GATE_BLOCKED (confirming or approving with QA errors) to
 * `{ok: false, qaBlocked}`, so the caller can ask for a reason and send again with `qaOverride`. Every other failure
 * throws ApiError.
 */
export async function patchSegment(id: string, patch: SegmentPatch): Promise<PatchResult> {
  try {
    const segment = await request<Segment>(`/api/segments/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch });
    return { ok: true, segment };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      if (err.code === 'ERR_QA_GATE_BLOCKED') {
        const issues = (err.body as { issues?: QaIssue[] } | null)?.issues ?? [];
        return { ok: false, qaBlocked: { message: err.message, issues } };
      }
      const current = (err.body as { current?: Segment } | null)?.current;
      if (current) return { ok: false, conflict: current };
    }
    throw err;
  }
}

/** One saved change of a segment, newest last: who saved it and when. */
export interface SegmentEdit {
  editor: string;
  at: string;
  version: number;
  after: string | null;
}

/** A segment's saved changes; an empty list when the history cannot be read (the merge still works without names). */
export async function segmentHistory(id: string): Promise<SegmentEdit[]> {
  try {
    return (await request<{ edits: SegmentEdit[] }>(`/api/segments/${encodeURIComponent(id)}/history`)).edits;
  } catch {
    return [];
  }
}

/** A segment an approval filled with the same translation, with what it held before (to undo). */
export interface PropagatedItem {
  id: string;
  version: number;
  previous: { translation: string | null; status: string; origin: string | null; version: number };
}

/** The filled segments an approval's answer lists (none for other saves). */
export function propagatedOf(segment: Segment): PropagatedItem[] {
  return (segment as Segment & { propagated?: PropagatedItem[] }).propagated ?? [];
}

/**
 * Put the segments an approval filled back as they were; one that someone changed since is left alone and named in
 * `skipped`. The rows update through the article's live events.
 */
export async function undoPropagation(items: PropagatedItem[]): Promise<{ restored: Segment[]; skipped: string[] }> {
  return request('/api/segments/propagation/undo', { method: 'POST', json: { items } });
}
