/**
 * The storage interfaces services depend on. Implementations live in kysely/ (one query path for SQLite and
 * PostgreSQL); tests may substitute their own.
 */
import type {
  ArticleRow,
  BriefRow,
  JobRow,
  ModelRunRow,
  NewArticleRow,
  NewJobRow,
  NewModelRunRow,
  NewSegmentRow,
  SegmentEditRow,
  SegmentRow,
  SegmentUpdate,
} from './types.ts';
import type { EventBus } from './event-bus.ts';

export interface ArticlesRepository {
  /** Insert an article and its segments in one transaction. */
  create(article: NewArticleRow, segments: NewSegmentRow[]): Promise<void>;
  get(id: string): Promise<ArticleRow | undefined>;
  /**
   * A string that changes whenever the article reads differently: its whole row, and per segment the count, the sum
   * of versions and the latest `updated_at` (every segment write bumps `version`, which optimistic locking needs as
   * well); undefined when there is no such article. One cheap query instead of loading every segment.
   */
  revision(id: string): Promise<string | undefined>;
  list(): Promise<ArticleRow[]>;
  setStatus(id: string, status: string): Promise<void>;
  /** Assignment and sign-off columns of the office workflow. */
  assign(id: string, patch: Partial<Pick<ArticleRow, 'assignee' | 'reviewer' | 'due_date' | 'final_approved_by' | 'final_approved_at'>>): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface SegmentCounts {
  total: number;
  new: number;
  translated: number;
  edited: number;
  confirmed: number;
  approved: number;
  failed: number;
  flagged: number;
}

export interface SegmentsRepository {
  get(id: string): Promise<SegmentRow | undefined>;
  listByArticle(articleId: string): Promise<SegmentRow[]>;
  countsByArticle(): Promise<Map<string, SegmentCounts>>;
  /**
   * Compare-and-set on `version`: applies `patch`, bumps the version and records the edit, all in one transaction.
   * Returns undefined when the stored version differs (nothing is written).
   */
  updateIfVersion(id: string, version: number, patch: SegmentUpdate, editor: string, qaOverride?: string | null): Promise<SegmentRow | undefined>;
  /** Unconditional machine-side update (translation results, QA); still bumps the version so editors see a change. */
  update(id: string, patch: SegmentUpdate): Promise<SegmentRow>;
  history(id: string): Promise<SegmentEditRow[]>;
  /** Every edit of the article's segments, kept after the article is deleted. */
  historyOfArticle(articleId: string): Promise<SegmentEditRow[]>;
}

export interface JobsRepository {
  create(job: NewJobRow): Promise<JobRow>;
  get(id: string): Promise<JobRow | undefined>;
  update(id: string, patch: Partial<Omit<JobRow, 'id'>>): Promise<JobRow>;
  listByArticle(articleId: string): Promise<JobRow[]>;
  listByStatus(statuses: string[]): Promise<JobRow[]>;
}

export interface ModelRunsRepository {
  insert(run: NewModelRunRow): Promise<void>;
  /** Many runs in one statement per chunk (a batch job records its calls in groups rather than one write each). */
  insertMany(runs: readonly NewModelRunRow[]): Promise<void>;
  get(id: string): Promise<ModelRunRow | undefined>;
  /** The runs with these ids (in no particular order); unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<ModelRunRow[]>;
  /** The newest successful run with this cache key: its output can be reused without a model call. */
  findCached(cacheKey: string): Promise<ModelRunRow | undefined>;
  /** {@link findCached} for many keys at once: the newest successful run of each key found. */
  findCachedMany(cacheKeys: readonly string[]): Promise<Map<string, ModelRunRow>>;
  /** The newest final rejection recorded under this cache key (evals with --cache-failures), newer than any success. */
  findCachedRejection(cacheKey: string): Promise<ModelRunRow | undefined>;
  listByArticle(articleId: string): Promise<ModelRunRow[]>;
}

export interface BriefsRepository {
  insert(brief: Omit<BriefRow, never>): Promise<void>;
  latest(articleId: string): Promise<BriefRow | undefined>;
  /** Every version of an article's brief, newest first: regenerating or restoring adds one, nothing is overwritten. */
  listByArticle(articleId: string): Promise<BriefRow[]>;
  get(id: string): Promise<BriefRow | undefined>;
  updateIfVersion(id: string, version: number, patch: { content_json?: string; approved?: number; qa_override?: string | null; error?: null }): Promise<BriefRow | undefined>;
}

export interface Store {
  articles: ArticlesRepository;
  segments: SegmentsRepository;
  jobs: JobsRepository;
  runs: ModelRunsRepository;
  briefs: BriefsRepository;
  /** Notifications to every process sharing this store. */
  bus: EventBus;
  close(): Promise<void>;
}
