/** Editor actions on a segment, with optimistic locking: a stale version changes nothing. */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { PatchSegmentBody, Segment } from '../schemas/article.ts';
import type { SegmentUpdate } from '../storage/types.ts';
import { toSegment } from './article-dto.ts';
import { segmentChanged } from './article-events.ts';
import { qaForSegment } from './qa.ts';
import { translationMemoryFor } from './translation-memory.ts';

export type PatchResult = { ok: true; segment: Segment } | { ok: false; current: Segment };

/**
 * Apply an editor's change. A new translation without a status makes the segment `edited` and is checked again by QA;
 * `approved` needs a translation (a segment is never approved empty) and puts the pair in the translation memory.
 */
export async function patchSegment(deps: Pick<Deps, 'store' | 'config'>, id: string, body: PatchSegmentBody): Promise<PatchResult> {
  const row = await deps.store.segments.get(id);
  if (!row) throw new Errors.SegmentNotFound(id);
  const translation = body.translation !== undefined ? body.translation.normalize('NFC') : row.translation;
  const status = body.status ?? (body.translation !== undefined ? 'edited' : row.status);
  if (status === 'approved' && !translation?.trim()) {
    throw new Errors.MalformedInput(`Segment ${id} has no translation yet: translate or type one before approving`);
  }
  const patch: SegmentUpdate = { status };
  if (body.translation !== undefined) {
    patch.translation = translation;
    if (translation !== row.translation) {
      patch.origin = 'editor';
      patch.qa_json = JSON.stringify(await qaForSegment(deps, row.source, translation));
    }
  }
  const editor = body.editor ?? 'editor';
  const updated = await deps.store.segments.updateIfVersion(id, body.version, patch, editor);
  if (!updated) {
    const current = await deps.store.segments.get(id);
    if (!current) throw new Errors.SegmentNotFound(id);
    return { ok: false, current: await withRun(deps, current) };
  }
  if (updated.status === 'approved' && updated.translation) {
    await translationMemoryFor(deps).recordApproved({
      source: updated.source,
      translation: updated.translation,
      editor,
      articleId: updated.article_id,
      segmentId: updated.id,
    });
  }
  const segment = await withRun(deps, updated);
  await segmentChanged(deps.store, updated);
  return { ok: true, segment };
}

async function withRun(deps: Pick<Deps, 'store'>, row: Parameters<typeof toSegment>[0]): Promise<Segment> {
  const run = row.mt_run_id ? await deps.store.runs.get(row.mt_run_id) : undefined;
  return toSegment(row, run);
}

export async function getSegmentHistory(deps: Pick<Deps, 'store'>, id: string) {
  if (!(await deps.store.segments.get(id))) throw new Errors.SegmentNotFound(id);
  return deps.store.segments.history(id);
}
