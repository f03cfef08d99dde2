/** Rows -> API shapes (schemas/article.ts). */
import type { Article, ArticleStatus, ArticleSummary, Segment } from '../schemas/article.ts';
import type { SegmentCounts } from '../storage/repositories.ts';
import type { ArticleRow, ModelRunRow, SegmentRow } from '../storage/types.ts';

export function toSegment(row: SegmentRow, run?: ModelRunRow): Segment {
  return {
    id: row.id,
    index: row.idx,
    kind: row.kind as Segment['kind'],
    source: row.source,
    sentences: JSON.parse(row.sentences_json) as Segment['sentences'],
    machineTranslation: row.machine_translation,
    translation: row.translation,
    status: row.status as Segment['status'],
    version: row.version,
    origin: row.origin as Segment['origin'],
    error: row.error,
    qa: JSON.parse(row.qa_json) as Segment['qa'],
    mtRun: run
      ? { id: run.id, model: run.model, promptId: run.prompt_id, promptVersion: run.prompt_version, createdAt: run.created_at }
      : null,
    updatedAt: row.updated_at,
  };
}

/**
 * The article status an editor sees, derived from its segments so it can never disagree with them; only
 * "translating" (a job in flight) is stored.
 */
export function deriveArticleStatus(stored: string, c: SegmentCounts): ArticleStatus {
  if (stored === 'translating') return 'translating';
  if (c.total > 0 && c.approved === c.total) return 'approved';
  if (c.edited + c.confirmed + c.approved > 0) return 'in_review';
  if (c.total > 0 && c.translated + c.edited + c.confirmed + c.approved === c.total) return 'translated';
  return 'imported';
}

export function countSegments(rows: SegmentRow[]): SegmentCounts {
  const c: SegmentCounts = { total: rows.length, new: 0, translated: 0, edited: 0, confirmed: 0, approved: 0, failed: 0, flagged: 0 };
  for (const r of rows) {
    if (r.status in c) c[r.status as keyof SegmentCounts]++;
    if (r.qa_json !== '[]') c.flagged++;
  }
  return c;
}

export function toArticle(row: ArticleRow, segments: SegmentRow[], runs: ModelRunRow[]): Article {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return {
    id: row.id,
    title: row.title,
    status: deriveArticleStatus(row.status, countSegments(segments)),
    assignee: row.assignee ?? null,
    reviewer: row.reviewer ?? null,
    dueDate: row.due_date ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sourceFormat: row.source_format as Article['sourceFormat'],
    originalName: row.original_name,
    conversions: JSON.parse(row.conversions_json) as string[],
    removed: JSON.parse(row.removed_json) as Article['removed'],
    segments: segments.map((s) => toSegment(s, s.mt_run_id ? byId.get(s.mt_run_id) : undefined)),
  };
}

export function toSummary(row: ArticleRow, counts: SegmentCounts): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    status: deriveArticleStatus(row.status, counts),
    assignee: row.assignee ?? null,
    reviewer: row.reviewer ?? null,
    dueDate: row.due_date ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    counts,
  };
}
