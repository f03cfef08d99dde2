/**
 * Jobs across processes and machines (PostgreSQL): the same contract as the in-process JobRunner, but a job's work
 * goes into the shared queue (pg-boss) and is done by whichever worker processes run, a translate job segment by
 * segment. Job rows and task rows in the database are the truth; events travel on the store's bus, so a client
 * following a job on any server instance sees every worker's progress, and a cancel from any instance reaches them all.
 */
import type { Kysely } from 'kysely';
import type { JobEvent, JobKind, JobStatus } from '../schemas/job.ts';
import { Errors } from '../errors.ts';
import type { Store } from '../storage/repositories.ts';
import type { Database, JobRow } from '../storage/types.ts';
import { KeyedListeners } from '../storage/keyed-listeners.ts';
import { JOB_QUEUE, SEGMENT_QUEUE, type JobQueue } from './job-queue.ts';
import { newJobRow, toJob, type JobListener, type JobsRunner } from './jobs.ts';
import { failedSegmentEvent, segmentsToTranslate, translateOutcome } from './translation.ts';

/** Bus topics. */
export const JOB_EVENT = 'job';
export const JOB_CANCEL = 'job-cancel';
export const NEW_WORK = 'work';

/** What a worker publishes about a job; receivers read the rows (a NOTIFY payload is small). */
export type JobNotice =
  | { jobId: string; type: 'progress' | 'done' }
  | { jobId: string; type: 'segment'; segmentId: string; saved: boolean; cached: boolean; failed: boolean }
  | { jobId: string; type: 'error'; message: string };

const ACTIVE: readonly string[] = ['queued', 'running'];
const RESUMABLE: readonly string[] = ['interrupted', 'partial', 'failed', 'cancelled'];
const now = () => new Date().toISOString();

/** The job event a notice stands for, read from the database as it is now. */
async function toEvent(store: Store, n: JobNotice): Promise<JobEvent | undefined> {
  if (n.type === 'error') return { type: 'error', message: n.message };
  if (n.type === 'segment') {
    const seg = await store.segments.get(n.segmentId);
    if (!seg) return undefined;
    if (n.failed) return failedSegmentEvent(seg, seg.error ?? 'failed');
    return {
      type: 'segment', segmentId: seg.id, status: seg.status, translation: n.saved ? seg.translation : null, cached: n.cached, error: null,
      ...(n.saved ? { qa: JSON.parse(seg.qa_json) as [] } : {}),
    };
  }
  const row = await store.jobs.get(n.jobId);
  return row && { type: n.type, job: toJob(row) };
}

export class QueuedJobRunner implements JobsRunner {
  private readonly listeners = new KeyedListeners<JobEvent>();
  /** Per job, the events being read, in the order their notices came. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly started = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store & { db: Kysely<Database> },
    private readonly queue: JobQueue,
    /** This process's own workers, stopped with it; none when WORKBENCH_WORKER=off. */
    private readonly workers: { stop(): Promise<void> } | undefined,
    private readonly log: { error: (obj: object, msg: string) => void } = console,
  ) {
    this.unsubscribe = store.bus.subscribe(JOB_EVENT, (p) => this.relay(p as unknown as JobNotice));
  }

  /** Jobs live in the database and every worker's queue: nothing of them is lost with this process. */
  async recover(): Promise<string[]> {
    return [];
  }

  async activeFor(articleId: string, kind: JobKind): Promise<JobRow | undefined> {
    return (await this.store.jobs.listByArticle(articleId)).find((j) => j.kind === kind && ACTIVE.includes(j.status));
  }

  /** Create the job and queue its work (a translate job: a task per segment) in one transaction. */
  async start(kind: JobKind, articleId: string, params: Record<string, unknown>): Promise<JobRow> {
    const row = newJobRow(kind, articleId, params);
    const id = row.id;
    await this.store.db.transaction().execute(async (tx) => {
      await tx.insertInto('jobs').values(row).execute();
      await this.enqueue(tx, id, kind, articleId, params);
    });
    this.started.add(id);
    await this.announce(id);
    return this.get(id);
  }

  /** Run a finished-but-incomplete job again: its unfinished segments go back into the queue. */
  async resume(id: string): Promise<JobRow> {
    const row = await this.get(id);
    if (!RESUMABLE.includes(row.status)) throw new Errors.Conflict(`Job ${id} is ${row.status}; only interrupted, partial, failed or cancelled jobs can be resumed`);
    await this.store.db.transaction().execute(async (tx) => {
      await tx.updateTable('jobs').set({ status: 'queued', error: null, finished_at: null }).where('id', '=', id).execute();
      await tx.deleteFrom('job_tasks').where('job_id', '=', id).where('state', '!=', 'done').execute();
      await this.enqueue(tx, id, row.kind as JobKind, row.article_id, JSON.parse(row.params_json) as Record<string, unknown>, true);
    });
    this.started.add(id);
    await this.announce(id);
    return this.get(id);
  }

  /** Cancel from any instance: the job ends `cancelled`, its waiting tasks are dropped and every worker aborts its calls. */
  async cancel(id: string): Promise<JobRow> {
    const row = await this.get(id);
    if (!ACTIVE.includes(row.status)) return row;
    const cancelled = await this.store.db.transaction().execute(async (tx) => {
      const locked = await tx.selectFrom('jobs').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!locked || !ACTIVE.includes(locked.status)) return false;
      await tx.updateTable('jobs').set({ status: 'cancelled', error: 'Cancelled by the user', finished_at: now() }).where('id', '=', id).execute();
      await tx.updateTable('job_tasks').set({ state: 'cancelled', updated_at: now() }).where('job_id', '=', id).where('state', '=', 'pending').execute();
      if (row.kind === 'translate') await tx.updateTable('articles').set({ status: 'imported', updated_at: now() }).where('id', '=', row.article_id).execute();
      return true;
    });
    if (cancelled) {
      await this.store.bus.publish(JOB_CANCEL, { jobId: id });
      await this.store.bus.publish(JOB_EVENT, { jobId: id, type: 'done' });
    }
    return this.get(id);
  }

  async get(id: string): Promise<JobRow> {
    const row = await this.store.jobs.get(id);
    if (!row) throw new Errors.JobNotFound(id);
    return row;
  }

  subscribe(id: string, listener: JobListener): () => void {
    return this.listeners.add(id, listener);
  }

  /** Resolves when every job started through this runner has finished, wherever its work ran (CLI, tests). */
  async idle(): Promise<void> {
    while (this.started.size) {
      for (const id of [...this.started]) {
        const row = await this.store.jobs.get(id);
        if (!row || !ACTIVE.includes(row.status)) this.started.delete(id);
      }
      if (this.started.size) await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stop this process's workers (their tasks go back to the queue) and relaying; the jobs go on in other workers. */
  async shutdown(): Promise<void> {
    await this.workers?.stop();
    this.unsubscribe();
    await Promise.all(this.chains.values());
    await this.queue.close();
  }

  /** The job's tasks and queue entries, inside the transaction that creates or resumes it. */
  private async enqueue(tx: Kysely<Database>, id: string, kind: JobKind, articleId: string, params: Record<string, unknown>, resuming = false): Promise<void> {
    if (kind !== 'translate') {
      await this.queue.add(tx, JOB_QUEUE, [{ jobId: id }]);
      return;
    }
    const segments = await tx.selectFrom('segments').selectAll().where('article_id', '=', articleId).orderBy('idx').execute();
    const done = resuming ? new Set((await tx.selectFrom('job_tasks').select('segment_id').where('job_id', '=', id).execute()).map((t) => t.segment_id)) : new Set<string>();
    const todo = segmentsToTranslate(segments, (params.scope as 'all' | 'missing' | undefined) ?? 'all').filter((s) => !done.has(s.id));
    for (let i = 0; i < todo.length; i += 500) {
      await tx.insertInto('job_tasks').values(todo.slice(i, i + 500).map((s) => ({ job_id: id, segment_id: s.id, state: 'pending', error: null, updated_at: now() }))).execute();
    }
    const total = todo.length + done.size;
    const finished = todo.length === 0;
    await tx.updateTable('jobs').set({
      total, done: done.size, failed: 0, status: finished ? 'done' : 'running', started_at: now(), ...(finished ? { finished_at: now() } : {}),
    }).where('id', '=', id).execute();
    if (!finished) await tx.updateTable('articles').set({ status: 'translating', updated_at: now() }).where('id', '=', articleId).execute();
    await this.queue.add(tx, SEGMENT_QUEUE, todo.map((s) => ({ jobId: id, segmentId: s.id })));
  }

  /** Tell followers the job's state, and the workers that there is work. */
  private async announce(id: string): Promise<void> {
    const row = await this.get(id);
    await this.store.bus.publish(JOB_EVENT, { jobId: id, type: ACTIVE.includes(row.status) ? 'progress' : 'done' });
    await this.store.bus.publish(NEW_WORK, {});
  }

  private relay(n: JobNotice): void {
    if (!this.listeners.has(n.jobId)) return;
    const prev = this.chains.get(n.jobId) ?? Promise.resolve();
    const next = prev.then(async () => {
      const event = await toEvent(this.store, n);
      if (event) await this.listeners.emit(n.jobId, event, (err) => this.log.error({ err }, 'job listener failed'));
    }).catch((err: unknown) => this.log.error({ err, jobId: n.jobId }, 'job event relay failed'));
    this.chains.set(n.jobId, next);
    void next.finally(() => { if (this.chains.get(n.jobId) === next) this.chains.delete(n.jobId); });
  }
}

/** A job's final status once no task is pending, from its task rows. */
export async function settleJob(tx: Kysely<Database>, job: JobRow): Promise<{ status: JobStatus; error: string | null } | undefined> {
  const counts = await tx.selectFrom('job_tasks').select((eb) => ['state', eb.fn.countAll<number>().as('n')]).where('job_id', '=', job.id).groupBy('state').execute();
  const n = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
  const done = n('done');
  const failed = n('failed');
  await tx.updateTable('jobs').set({ done, failed }).where('id', '=', job.id).execute();
  if (n('pending') > 0) return undefined;
  const first = failed > 0
    ? await tx.selectFrom('job_tasks').select('error').where('job_id', '=', job.id).where('state', '=', 'failed').orderBy('updated_at').limit(1).executeTakeFirst()
    : undefined;
  const outcome = translateOutcome(done + failed, done, failed, first?.error ?? undefined);
  const result = { status: outcome.status as JobStatus, error: outcome.error ?? null };
  await tx.updateTable('jobs').set({ status: result.status, error: result.error, finished_at: now() }).where('id', '=', job.id).execute();
  await tx.updateTable('articles').set({ status: 'imported', updated_at: now() }).where('id', '=', job.article_id).execute();
  return result;
}

/** Lock the job's row for the rest of the transaction (results of one job are counted one at a time). */
export async function lockJob(tx: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  return tx.selectFrom('jobs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
