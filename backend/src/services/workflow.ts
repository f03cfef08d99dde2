/**
 * The office's review workflow around articles: who translates and reviews an article and by when, the list filters
 * that go with it, the MQM quality report of a revision, and the sign-off of a final export.
 */
import { atLeast, type Actor, type Role } from '../auth/roles.ts';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { countSourceWords, MQM_CATEGORIES, MQM_SEVERITIES, mqmPenalty, mqmScorePer1000, type MqmCategory, type MqmSeverity } from '../qa/mqm.ts';
import type { ArticleSummary } from '../schemas/article.ts';
import type { Annotation, AssignBody, QualityReport } from '../schemas/workflow.ts';
import type { AnnotationRow } from '../storage/office-types.ts';
import type { OpenStore } from '../storage/index.ts';
import { csvCell } from './audit.ts';

type WorkflowDeps = { store: Pick<OpenStore, 'articles' | 'segments' | 'accounts' | 'audit' | 'briefs'> };

async function checkPerson(deps: WorkflowDeps, name: string | null | undefined, least: Role, what: string): Promise<void> {
  if (!name) return;
  const u = await deps.store.accounts.getUserByName(name);
  if (!u || u.disabled) throw new Errors.MalformedInput(`The ${what} "${name}" is not an enabled user`);
  if (!atLeast(u.role as Role, least)) throw new Errors.MalformedInput(`The ${what} must be a ${least} or above; ${name} is ${u.role}`);
}

/** Set an article's assignee (a translator), reviewer and due date; returns them before and after for the audit trail. */
export async function assignArticle(deps: WorkflowDeps, id: string, body: AssignBody) {
  const row = await deps.store.articles.get(id);
  if (!row) throw new Errors.ArticleNotFound(id);
  await checkPerson(deps, body.assignee, 'translator', 'assignee');
  await checkPerson(deps, body.reviewer, 'reviewer', 'reviewer');
  const patch: { assignee?: string | null; reviewer?: string | null; due_date?: string | null } = {};
  if (body.assignee !== undefined) patch.assignee = body.assignee;
  if (body.reviewer !== undefined) patch.reviewer = body.reviewer;
  if (body.dueDate !== undefined) patch.due_date = body.dueDate;
  await deps.store.articles.assign(id, patch);
  const before = { assignee: row.assignee, reviewer: row.reviewer, dueDate: row.due_date };
  return { before, after: { ...before, ...body } };
}

/**
 * The articles list as `actor` may see it: a reader sees approved articles only; `mine` keeps the ones the actor
 * translates or reviews; `dueBefore` the ones due on or before that day, soonest first.
 */
export function filterArticles(list: ArticleSummary[], actor: Actor | null, q: { mine?: 'true' | 'false'; dueBefore?: string }): ArticleSummary[] {
  let out = list;
  if (actor?.role === 'reader') out = out.filter((a) => a.status === 'approved');
  if (q.mine === 'true' && actor) out = out.filter((a) => a.assignee === actor.name || a.reviewer === actor.name);
  if (q.dueBefore) {
    const day = q.dueBefore;
    out = out.filter((a) => a.dueDate && a.dueDate <= day).sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0));
  }
  return out;
}

export const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id, segmentId: r.segment_id, reviewer: r.reviewer, at: r.at, category: r.category as MqmCategory, severity: r.severity as MqmSeverity,
  ...(r.note ? { note: r.note } : {}), before: r.before_translation, after: r.after_translation,
});

/**
 * The quality report of an article's revision: reviewers' annotations by category and severity, the MQM penalty per
 * 1,000 source words, and the share of approved segments the reviewer approved without changing a confirmed text.
 */
export async function qualityReport(deps: WorkflowDeps, id: string): Promise<QualityReport> {
  const row = await deps.store.articles.get(id);
  if (!row) throw new Errors.ArticleNotFound(id);
  const [segments, rows, edits] = await Promise.all([
    deps.store.segments.listByArticle(id), deps.store.audit.annotationsByArticle(id), deps.store.segments.historyOfArticle(id),
  ]);
  const annotations = rows.map(toAnnotation);
  const sourceWords = segments.reduce((n, s) => n + countSourceWords(s.source), 0);
  const revised = new Set(edits.filter((e) => e.before_status === 'confirmed' && e.before_translation !== e.after_translation).map((e) => e.segment_id));
  const annotated = new Set(annotations.map((a) => a.segmentId));
  const approved = segments.filter((s) => s.status === 'approved');
  const approvedUnchanged = approved.filter((s) => !revised.has(s.id) && !annotated.has(s.id)).length;
  const bySeverity = Object.fromEntries(MQM_SEVERITIES.map((s) => [s, annotations.filter((a) => a.severity === s).length])) as Record<MqmSeverity, number>;
  const byCategory = MQM_CATEGORIES.map((category) => {
    const of = annotations.filter((a) => a.category === category);
    return { category, minor: of.filter((a) => a.severity === 'minor').length, major: of.filter((a) => a.severity === 'major').length, critical: of.filter((a) => a.severity === 'critical').length };
  }).filter((c) => c.minor + c.major + c.critical > 0);
  return {
    articleId: id, title: row.title, sourceWords, segments: segments.length, approved: approved.length, approvedUnchanged,
    approvedUnchangedShare: approved.length ? approvedUnchanged / approved.length : 0,
    errors: annotations.length, penalty: mqmPenalty(annotations), scorePer1000: mqmScorePer1000(annotations, sourceWords),
    byCategory, bySeverity, annotations, finalApprovedBy: row.final_approved_by ?? null, finalApprovedAt: row.final_approved_at ?? null,
  };
}

/** The quality report's annotations as CSV (with a BOM, for spreadsheets), headed by the summary figures. */
export function qualityCsv(r: QualityReport): string {
  const lines = [
    ['article', r.articleId], ['title', r.title], ['source_words', r.sourceWords], ['errors', r.errors], ['penalty', r.penalty],
    ['score_per_1000_words', r.scorePer1000.toFixed(2)], ['approved_unchanged_share', r.approvedUnchangedShare.toFixed(3)], [],
    ['segment', 'category', 'severity', 'note', 'reviewer', 'at', 'before', 'after'],
    ...r.annotations.map((a) => [a.segmentId, a.category, a.severity, a.note ?? '', a.reviewer, a.at, a.before ?? '', a.after ?? '']),
  ];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Sign off a final export: every segment and the brief must be approved. Returns who approved (the reviewers who
 * approved segments, and who approved the brief) and records it on the article.
 * @throws ERR_EXPORT_NOT_FINAL naming what is still missing
 */
export async function signOffFinal(deps: WorkflowDeps, id: string, actor: Actor): Promise<{ approvers: string[]; signedBy: string }> {
  const row = await deps.store.articles.get(id);
  if (!row) throw new Errors.ArticleNotFound(id);
  const segments = await deps.store.segments.listByArticle(id);
  const pending = segments.filter((s) => s.status !== 'approved').length;
  const brief = await deps.store.briefs.latest(id);
  const missing = [
    ...(pending ? [`${pending} of ${segments.length} segments are not approved`] : []),
    ...(!brief ? ['it has no brief'] : brief.approved !== 1 ? ['the brief is not approved'] : []),
  ];
  if (missing.length) throw new Errors.ExportNotFinal(`Article ${id} cannot be exported as final yet: ${missing.join('; ')}`);
  const edits = await deps.store.segments.historyOfArticle(id);
  const approvers = new Set(edits.filter((e) => e.after_status === 'approved' && e.before_status !== 'approved').map((e) => e.editor));
  const briefApproval = (await deps.store.audit.list({ articleId: id, action: 'brief.save', limit: 50 })).find((a) => a.after_json && (JSON.parse(a.after_json) as { approved?: boolean }).approved);
  if (briefApproval?.user_name) approvers.add(briefApproval.user_name);
  const list = [...approvers].sort();
  await deps.store.articles.assign(id, { final_approved_by: list.join(', ') || actor.name, final_approved_at: new Date().toISOString() });
  return { approvers: list, signedBy: actor.name };
}
