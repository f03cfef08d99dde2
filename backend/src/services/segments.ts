/** Editor actions on a segment, with optimistic locking: a stale version changes nothing. */
import { atLeast, type Actor } from '../auth/roles.ts';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { PatchSegmentBody, Segment } from '../schemas/article.ts';
import type { SegmentRow, SegmentUpdate } from '../storage/types.ts';
import { toSegment } from './article-dto.ts';
import { qaForSegment } from './qa.ts';
import { translationMemoryFor } from './translation-memory.ts';

export type PatchResult = { ok: true; segment: Segment; before: SegmentRow } | { ok: false; current: Segment };

/** The single user of a loopback install without accounts: every right, and edits signed with the name sent. */
const LOCAL: Actor = { id: null, name: 'editor', role: 'admin', via: 'local' };

/**
 * Apply an editor's change. A new translation without a status makes the segment `edited` and is checked again by QA;
 * `confirmed` (a translator's sign-off) and `approved` (a reviewer's) need a translation (never empty); `approved`
 * puts the pair in the translation memory. Workflow rules by role: only a reviewer approves or changes an approved
 * segment, and a reviewer who changes a confirmed translation records at least one MQM annotation of the error.
 */
export async function patchSegment(deps: Pick<Deps, 'store' | 'config'>, id: string, body: PatchSegmentBody, actor: Actor = LOCAL): Promise<PatchResult> {
  const row = await deps.store.segments.get(id);
  if (!row) throw new Errors.SegmentNotFound(id);
  const translation = body.translation !== undefined ? body.translation.normalize('NFC') : row.translation;
  const status = body.status ?? (body.translation !== undefined ? 'edited' : row.status);
  if ((status === 'approved' || status === 'confirmed') && !translation?.trim()) {
    throw new Errors.MalformedInput(`Segment ${id} has no translation yet: translate or type one before ${status === 'approved' ? 'approving' : 'confirming'}`);
  }
  const changesText = translation !== row.translation;
  const reviewer = atLeast(actor.role, 'reviewer');
  if (!reviewer && status === 'approved' && row.status !== 'approved') throw new Errors.Forbidden(`Only a reviewer approves segments; ${actor.name} is ${actor.role}: confirm it instead`);
  if (!reviewer && row.status === 'approved' && (changesText || status !== 'approved')) {
    throw new Errors.Forbidden(`Segment ${id} is approved: only a reviewer may change it`);
  }
  const annotations = body.annotations ?? [];
  if (row.status === 'confirmed' && changesText && reviewer && actor.via !== 'local' && annotations.length === 0) throw new Errors.AnnotationRequired(id);
  const patch: SegmentUpdate = { status };
  if (body.translation !== undefined) {
    patch.translation = translation;
    if (translation !== row.translation) {
      patch.origin = 'editor';
      patch.qa_json = JSON.stringify(await qaForSegment(deps, row.source, translation));
    }
  }
  const editor = actor.via === 'local' ? (body.editor ?? actor.name) : actor.name;
  const updated = await deps.store.segments.updateIfVersion(id, body.version, patch, editor);
  if (!updated) {
    const current = await deps.store.segments.get(id);
    if (!current) throw new Errors.SegmentNotFound(id);
    return { ok: false, current: await withRun(deps, current) };
  }
  if (annotations.length) {
    const at = new Date().toISOString();
    await deps.store.audit.addAnnotations(annotations.map((a) => ({
      segment_id: id, article_id: updated.article_id, reviewer: editor, at, category: a.category, severity: a.severity, note: a.note ?? null,
      before_translation: row.translation, after_translation: updated.translation, version: updated.version,
    })));
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
  return { ok: true, segment: await withRun(deps, updated), before: row };
}

async function withRun(deps: Pick<Deps, 'store'>, row: Parameters<typeof toSegment>[0]): Promise<Segment> {
  const run = row.mt_run_id ? await deps.store.runs.get(row.mt_run_id) : undefined;
  return toSegment(row, run);
}

export async function getSegmentHistory(deps: Pick<Deps, 'store'>, id: string) {
  if (!(await deps.store.segments.get(id))) throw new Errors.SegmentNotFound(id);
  return deps.store.segments.history(id);
}
