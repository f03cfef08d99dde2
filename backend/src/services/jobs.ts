/**
 * The job runner: persisted jobs (queued -> running -> done | partial | failed | cancelled | interrupted) with
 * live events for subscribers. A job's work is a handler per kind; the runner owns state, cancellation
 * (one AbortController per job, so calls in flight are aborted) and recovery after a restart.
 */
import { setMaxListeners } from 'node:events';
import type { Job, JobEvent, JobKind, JobStatus } from '../schemas/job.ts';
import { Errors } from '../errors.ts';
import type { JobsRepository } from '../storage/repositories.ts';
import type { JobRow, NewJobRow } from '../storage/types.ts';
import { KeyedListeners } from '../storage/keyed-listeners.ts';
import { newId } from './ids.ts';

export interface JobContext {
  job: JobRow;
  signal: AbortSignal;
  /** Set the total (once known) and persist progress; subscribers get a `progress` event. */
  progress(counts: { total?: number; done: number; failed: number }): Promise<void>;
  emit(event: JobEvent): void;
}

/** Does the work; returns the final status (done, partial, failed) and an error message when there is one. */
export type JobHandler = (ctx: JobContext) => Promise<{ status: JobStatus; error?: string | null }>;

export type JobListener = (event: JobEvent) => void;

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    articleId: row.article_id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    total: row.total,
    done: row.done,
    failed: row.failed,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * What the server, the CLI and the routes ask of jobs, whoever does the work: this process (JobRunner, the SQLite
 * default) or worker processes sharing a PostgreSQL queue (QueuedJobRunner).
 */
export interface JobsRunner {
  /** Call once at start: jobs a previous process left running are dealt with. Returns the ids it marked interrupted. */
  recover(): Promise<string[]>;
  /** The active job of this kind for the article, if any: a second request joins it instead of starting another. */
  activeFor(articleId: string, kind: JobKind): Promise<JobRow | undefined>;
  start(kind: JobKind, articleId: string, params: Record<string, unknown>): Promise<JobRow>;
  /** @throws ERR_CONFLICT when the job is still active or was done. */
  resume(id: string): Promise<JobRow>;
  cancel(id: string): Promise<JobRow>;
  /** @throws ERR_JOB_NOT_FOUND */
  get(id: string): Promise<JobRow>;
  subscribe(id: string, listener: JobListener): () => void;
  /** Resolves when every job started here has finished. */
  idle(): Promise<void>;
  shutdown(): Promise<void>;
}

/** A new job, queued, as either runner stores it. */
export function newJobRow(kind: JobKind, articleId: string, params: Record<string, unknown>): NewJobRow {
  return {
    id: newId('job'), article_id: articleId, kind, status: 'queued', total: 0, done: 0, failed: 0,
    params_json: JSON.stringify(params), error: null, created_at: new Date().toISOString(), started_at: null, finished_at: null,
  };
}

const ACTIVE: readonly string[] = ['queued', 'running'];
const RESUMABLE: readonly string[] = ['interrupted', 'partial', 'failed', 'cancelled'];

export class JobRunner implements JobsRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new KeyedListeners<JobEvent>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: JobsRepository,
    private readonly handlers: Record<JobKind, JobHandler>,
    private readonly log: { error: (obj: object, msg: string) => void } = console,
  ) {}

  /**
   * Mark jobs left queued or running by a previous process as interrupted; they can be resumed.
   * Call once at start, before any job is started. Returns the ids it marked.
   */
  async recover(): Promise<string[]> {
    const stale = await this.jobs.listByStatus([...ACTIVE]);
    for (const j of stale) {
      await this.jobs.update(j.id, { status: 'interrupted', error: 'The server stopped while this job ran; resume it to finish', finished_at: new Date().toISOString() });
    }
    return stale.map((j) => j.id);
  }

  /** The active job of this kind for the article, if any: a second request joins it instead of starting another. */
  async activeFor(articleId: string, kind: JobKind): Promise<JobRow | undefined> {
    return (await this.jobs.listByArticle(articleId)).find((j) => j.kind === kind && ACTIVE.includes(j.status));
  }

  /** Create a job and start it. */
  async start(kind: JobKind, articleId: string, params: Record<string, unknown>): Promise<JobRow> {
    const row = await this.jobs.create(newJobRow(kind, articleId, params));
    this.launch(row);
    return row;
  }

  /**
   * Run a finished-but-incomplete job again under the same id. Work already stored is not repeated (segments
   * done earlier come back from the cache).
   * @throws ERR_CONFLICT when the job is still active or was done.
   */
  async resume(id: string): Promise<JobRow> {
    const row = await this.get(id);
    if (!RESUMABLE.includes(row.status)) throw new Errors.Conflict(`Job ${id} is ${row.status}; only interrupted, partial, failed or cancelled jobs can be resumed`);
    const queued = await this.jobs.update(id, { status: 'queued', error: null, finished_at: null });
    this.launch(queued);
    return queued;
  }

  /** Cancel: aborts calls in flight; the job ends `cancelled`. A finished job is returned unchanged. */
  async cancel(id: string): Promise<JobRow> {
    const row = await this.get(id);
    const controller = this.controllers.get(id);
    if (controller) {
      controller.abort(new Error('Cancelled by the user'));
      await this.running.get(id);
      return this.get(id);
    }
    if (row.status === 'queued') return this.finish(id, 'cancelled', null);
    return row;
  }

  async get(id: string): Promise<JobRow> {
    const row = await this.jobs.get(id);
    if (!row) throw new Errors.JobNotFound(id);
    return row;
  }

  /** Listen to a job's events; returns the function that stops listening. */
  subscribe(id: string, listener: JobListener): () => void {
    return this.listeners.add(id, listener);
  }

  /** Resolves when every job this runner started has settled (CLI, tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  /** Abort every job in flight and wait; they end `interrupted` so a restart can resume them. */
  async shutdown(): Promise<void> {
    for (const c of this.controllers.values()) c.abort(new ShutdownSignal());
    await this.idle();
  }

  private emit(id: string, event: JobEvent): void {
    void this.listeners.emit(id, event, (err) => this.log.error({ err }, 'job listener failed'));
  }

  private async finish(id: string, status: JobStatus, error: string | null): Promise<JobRow> {
    const row = await this.jobs.update(id, { status, error, finished_at: new Date().toISOString() });
    this.emit(id, { type: 'done', job: toJob(row) });
    return row;
  }

  private launch(row: JobRow): void {
    const controller = new AbortController();
    // Every call in flight listens on the job's signal; more than 10 is normal, not a leak.
    setMaxListeners(0, controller.signal);
    this.controllers.set(row.id, controller);
    const run = this.execute(row, controller.signal)
      .catch((err: unknown) => this.log.error({ err, jobId: row.id }, 'job runner failed'))
      .finally(() => { this.controllers.delete(row.id); this.running.delete(row.id); });
    this.running.set(row.id, run);
  }

  private async execute(queued: JobRow, signal: AbortSignal): Promise<void> {
    const id = queued.id;
    let row = await this.jobs.update(id, { status: 'running', started_at: new Date().toISOString(), done: 0, failed: 0 });
    this.emit(id, { type: 'progress', job: toJob(row) });
    const ctx: JobContext = {
      job: row,
      signal,
      progress: async ({ total, done, failed }) => {
        row = await this.jobs.update(id, { ...(total === undefined ? {} : { total }), done, failed });
        this.emit(id, { type: 'progress', job: toJob(row) });
      },
      emit: (event) => this.emit(id, event),
    };
    let result: { status: JobStatus; error?: string | null };
    try {
      result = await this.handlers[queued.kind as JobKind](ctx);
    } catch (err) {
      result = signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: (err as Error).message };
      if (!signal.aborted) this.emit(id, { type: 'error', message: (err as Error).message });
    }
    if (signal.aborted) {
      const shutdown = signal.reason instanceof ShutdownSignal;
      result = { status: shutdown ? 'interrupted' : 'cancelled', error: shutdown ? 'The server stopped while this job ran; resume it to finish' : 'Cancelled by the user' };
    }
    await this.finish(id, result.status, result.error ?? null);
  }
}

class ShutdownSignal extends Error {
  constructor() { super('The server is shutting down'); }
}
