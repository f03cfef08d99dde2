/** Editor actions on a segment, with optimistic locking: a stale version changes nothing. */
import { atLeast, type Actor } from '../auth/roles.ts';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { PatchSegmentBody, QaIssue, Segment } from '../schemas/article.ts';
import type { SegmentRow, SegmentUpdate } from '../storage/types.ts';
import { matchKey } from '../text/normalise.ts';
import { toSegment } from './article-dto.ts';
import { segmentChanged } from './article-events.ts';
import { qaForSegment } from './qa.ts';
import { translationMemoryFor } from './translation-memory.ts';

/** The single user of a loopback install without accounts: every right, and edits signed with the name sent. */
const LOCAL: Actor = { id: null, name: 'editor', role: 'admin', via: 'local' };

/** Statuses that say a person stands behind the translation: QA errors must be fixed or overridden to get there. */
export const GATED_STATUSES: ReadonlySet<string> = new Set(['confirmed', 'approved']);
/** Statuses a propagated approved translation may overwrite: nobody has worked on these by hand. */
const PROPAGATE_OVER: ReadonlySet<string> = new Set(['new', 'translated', 'failed']);

/** Another segment of the article filled with the approved translation, and what it held before (for an undo). */
export interface Propagated {
  id: string;
  version: number;
  previous: { translation: string | null; status: string; origin: string | null; version: number };
}

export type PatchResult =
  | { ok: true; segment: Segment; propagated: Propagated[]; before: SegmentRow }
  | { ok: false; current: Segment }
  | { ok: false; blocked: QaIssue[] };

const errorsOf = (issues: QaIssue[]) => issues.filter((i) => i.severity === 'error');

/**
 * Apply an editor's change. A new translation without a status makes the segment `edited` and is checked again by QA;
 * `approved` needs a translation (a segment is never approved empty) and puts the pair in the translation memory.
 * Moving to `confirmed`/`approved` while QA reports errors is refused (nothing saved) unless `qaOverride` gives a
 * reason, which the edit history keeps. An approval fills the identical, untouched segments of the article.
 * Workflow rules by role: only a reviewer approves or changes an approved segment, and a reviewer who changes a
 * confirmed translation records at least one MQM annotation of the error.
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
  const changed = body.translation !== undefined && translation !== row.translation;
  if (changed) patch.origin = 'editor';
  const gated = GATED_STATUSES.has(status) && (status !== row.status || changed);
  // A gated move is judged on a fresh check: the stored issues may predate a termbase change.
  const issues = changed || gated ? await qaForSegment(deps, row.source, translation) : (JSON.parse(row.qa_json) as QaIssue[]);
  if (changed || gated) patch.qa_json = JSON.stringify(issues);
  if (body.translation !== undefined) patch.translation = translation;
  const override = gated && errorsOf(issues).length > 0 ? (body.qaOverride?.reason ?? null) : null;
  if (gated && errorsOf(issues).length > 0 && !override) return { ok: false, blocked: errorsOf(issues) };

  const editor = actor.via === 'local' ? (body.editor ?? actor.name) : actor.name;
  const updated = await deps.store.segments.updateIfVersion(id, body.version, patch, editor, override);
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
  let propagated: Propagated[] = [];
  if (updated.status === 'approved' && updated.translation) {
    await translationMemoryFor(deps).recordApproved({
      source: updated.source,
      translation: updated.translation,
      editor,
      articleId: updated.article_id,
      segmentId: updated.id,
      qaStatus: errorsOf(issues).length === 0 ? 'passed' : 'override',
      qaOverride: override,
    });
    if (status !== row.status || changed) propagated = await propagate(deps, updated, issues, editor);
  }
  const segment = await withRun(deps, updated);
  await segmentChanged(deps.store, updated);
  return { ok: true, segment, propagated, before: row };
}

/**
 * Fill the article's other segments with the same source (as the memory compares them) that nobody has worked on
 * with the approved translation, as `edited` from memory: offered, not approved on the editor's behalf.
 */
async function propagate(deps: Pick<Deps, 'store'>, approved: SegmentRow, issues: QaIssue[], editor: string): Promise<Propagated[]> {
  const key = matchKey(approved.source);
  const out: Propagated[] = [];
  for (const s of await deps.store.segments.listByArticle(approved.article_id)) {
    if (s.id === approved.id || !PROPAGATE_OVER.has(s.status) || s.translation === approved.translation || matchKey(s.source) !== key) continue;
    const saved = await deps.store.segments.updateIfVersion(s.id, s.version, { translation: approved.translation, status: 'edited', origin: 'memory', error: null, qa_json: JSON.stringify(issues) }, editor);
    if (!saved) continue;
    await segmentChanged(deps.store, saved);
    out.push({ id: s.id, version: saved.version, previous: { translation: s.translation, status: s.status, origin: s.origin, version: s.version } });
  }
  return out;
}

/**
 * Undo a propagation: each segment goes back to what it held, unless someone changed it since (then it is left as
 * it is and reported in `skipped`).
 */
export async function undoPropagation(deps: Pick<Deps, 'store'>, items: { id: string; version: number; previous: { translation: string | null; status: string; origin: string | null } }[], editor = 'editor') {
  const restored: Segment[] = [];
  const skipped: string[] = [];
  for (const item of items) {
    const row = await deps.store.segments.get(item.id);
    if (!row) throw new Errors.SegmentNotFound(item.id);
    const qa = item.previous.translation ? await qaForSegment(deps, row.source, item.previous.translation) : [];
    const saved = row.version === item.version
      ? await deps.store.segments.updateIfVersion(item.id, item.version, { translation: item.previous.translation, status: item.previous.status, origin: item.previous.origin, qa_json: JSON.stringify(qa) }, editor)
      : undefined;
    if (!saved) {
      skipped.push(item.id);
      continue;
    }
    await segmentChanged(deps.store, saved);
    restored.push(await withRun(deps, saved));
  }
  return { restored, skipped };
}

async function withRun(deps: Pick<Deps, 'store'>, row: Parameters<typeof toSegment>[0]): Promise<Segment> {
  const run = row.mt_run_id ? await deps.store.runs.get(row.mt_run_id) : undefined;
  return toSegment(row, run);
}

export async function getSegmentHistory(deps: Pick<Deps, 'store'>, id: string) {
  if (!(await deps.store.segments.get(id))) throw new Errors.SegmentNotFound(id);
  return deps.store.segments.history(id);
}
