/**
 * Table shapes for Kysely. Times are ISO-8601 strings and JSON columns are TEXT, so the same queries run on SQLite and
 * PostgreSQL. A feature that adds tables declares them in its own file by augmenting this interface:
 *   declare module '../storage/types.ts' { interface Database { terms: TermsTable } }
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
// Columns later migrations add to these tables, merged into the interfaces below wherever they are used.
import './review-types.ts';
import './queue-types.ts';

export interface ArticlesTable {
  id: string;
  title: string;
  status: string;
  source_format: string;
  original_name: string | null;
  /** Path of the kept upload or pasted text, relative to DATA_DIR. */
  original_path: string | null;
  removed_json: string;
  conversions_json: string;
  created_at: string;
  updated_at: string;
  /** Office workflow (migration 0004): user names, an ISO date, and who approved the final export. */
  assignee: string | null;
  reviewer: string | null;
  due_date: string | null;
  final_approved_by: string | null;
  final_approved_at: string | null;
}

export interface SegmentsTable {
  id: string;
  article_id: string;
  idx: number;
  kind: string;
  source: string;
  sentences_json: string;
  machine_translation: string | null;
  mt_run_id: string | null;
  translation: string | null;
  status: string;
  origin: string | null;
  error: string | null;
  qa_json: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface SegmentEditsTable {
  id: Generated<number>;
  segment_id: string;
  article_id: string | null;
  editor: string;
  at: string;
  before_translation: string | null;
  after_translation: string | null;
  before_status: string;
  after_status: string;
  version: number;
}

export interface JobsTable {
  id: string;
  article_id: string;
  kind: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  params_json: string;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ModelRunsTable {
  id: string;
  job_id: string | null;
  article_id: string | null;
  segment_id: string | null;
  prompt_id: string;
  prompt_version: string;
  prompt_hash: string;
  model: string;
  params_json: string;
  cache_key: string | null;
  output: string | null;
  tokens_in: number | null;
  tokens_out: number | null;
  latency_ms: number | null;
  cost_usd: number | null;
  cached: number;
  error: string | null;
  created_at: string;
}

export interface BriefsTable {
  id: string;
  article_id: string;
  job_id: string | null;
  run_id: string | null;
  length: string;
  content_json: string;
  approved: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  articles: ArticlesTable;
  segments: SegmentsTable;
  segment_edits: SegmentEditsTable;
  jobs: JobsTable;
  model_runs: ModelRunsTable;
  briefs: BriefsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type SegmentRow = Selectable<SegmentsTable>;
export type NewSegmentRow = Insertable<SegmentsTable>;
export type SegmentUpdate = Updateable<SegmentsTable>;
export type SegmentEditRow = Selectable<SegmentEditsTable>;
export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;
export type ModelRunRow = Selectable<ModelRunsTable>;
export type NewModelRunRow = Insertable<ModelRunsTable>;
export type BriefRow = Selectable<BriefsTable>;
