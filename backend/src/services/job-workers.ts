/**
 * A worker process's share of the queue: `concurrency` loops, each taking one task at a time (a segment of a
 * translate job, or a whole brief job), doing it with the same steps as the in-process runner, and saving its
 * result together with the claim of the task in one transaction, so a result is written once. A task whose worker
 * dies comes back after its lease; its model call is then served from the run cache when it had been answered.
 */
import { setMaxListeners } from 'node:events';
import type { Kysely } from 'kysely';
import type { JobEvent, JobStatus } from '../schemas/job.ts';
import { segmentsRepository } from '../storage/kysely/segments-repository.ts';
import type { Database, JobRow } from '../storage/types.ts';
import { runBriefJob } from './brief.ts';
import { JOB_QUEUE, SEGMENT_QUEUE, type FetchedTask, type JobQueue, type JobTask, type SegmentTask } from './job-queue.ts';
import type { JobContext } from './jobs.ts';
import { JOB_CANCEL, JOB_EVENT, lockJob, NEW_WORK, settleJob, type JobNotice } from './queued-jobs.ts';
import { checkTranslation, markFailed, produceTranslation, saveTranslation, translatePlan, type Produced, type TranslatePlan } from './translation.ts';
import type { TranslationRuntime } from './translation-runtime.ts';
import { segmentChanged } from './article-events.ts';

/** How long an idle loop waits for a "new work" notice before it looks at the queue again. */
const IDLE_POLL_MS = 1000;

class Stopping extends Error {
  constructor() { super('The worker is stopping'); }
}

export class JobWorkers {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];
  /** One controller per job with calls in flight here, so a cancel aborts them. */
  private readonly controllers = new Map<string, { controller: AbortController; users: number }>();
  /** Each job's plan (prompt, model, termbase), built once per job in this process. */
  private readonly plans = new Map<string, Promise<TranslatePlan>>();
  private readonly unsubscribe: (() => void)[] = [];
  /** The tasks this process is working on, whose leases it renews. */
  private readonly inHand = new Set<FetchedTask<unknown>>();
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly rt: TranslationRuntime & { store: { db: Kysely<Database> } },
    private readonly queue: JobQueue,
    private readonly concurrency: number,
    /** The queue's lease, renewed every third of it. */
    private readonly leaseSeconds: number,
  ) {}

  start(): void {
    const bus = this.rt.store.bus;
    this.unsubscribe.push(bus.subscribe(NEW_WORK, () => this.wakeAll()));
    this.unsubscribe.push(bus.subscribe(JOB_CANCEL, (p) => this.controllers.get(String(p.jobId))?.controller.abort(new Error('Cancelled by the user'))));
    this.loops = Array.from({ length: this.concurrency }, () => this.loop());
    // Three renewals per lease: one lost to a slow database still leaves the task with its worker.
    this.renewal = setInterval(() => {
      this.queue.renew([...this.inHand]).catch((err: unknown) => this.rt.log.error({ err }, 'renewing the task leases failed'));
    }, (this.leaseSeconds * 1000) / 3);
    this.renewal.unref();
  }

  /** Stop taking tasks, abort the calls in flight and give their tasks back to the queue for another worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.renewal);
    for (const u of this.unsubscribe) u();
    for (const { controller } of this.controllers.values()) controller.abort(new Stopping());
    this.wakeAll();
    await Promise.all(this.loops);
  }

  private wakeAll(): void {
    for (const w of this.wake.splice(0)) w();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let task: FetchedTask<SegmentTask | JobTask> | undefined;
      try {
        task = (await this.queue.fetch<SegmentTask>(SEGMENT_QUEUE)) ?? (await this.queue.fetch<JobTask>(JOB_QUEUE));
      } catch (err) {
        this.rt.log.error({ err }, 'fetching a task failed');
      }
      if (!task) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_MS);
          this.wake.push(() => { clearTimeout(timer); resolve(); });
        });
        continue;
      }
      this.inHand.add(task);
      try {
        const keep = task.queue === SEGMENT_QUEUE ? await this.runSegment(task.data as SegmentTask) : await this.runJob((task.data as JobTask).jobId);
        await (keep === 'release' ? this.queue.release(task) : this.queue.complete(task));
      } catch (err) {
        // The task stays leased and comes back after its lease: nothing is marked done that was not.
        this.rt.log.error({ err, task: task.data }, 'a task failed');
      } finally {
        this.inHand.delete(task);
      }
    }
  }

  private signalFor(jobId: string): { signal: AbortSignal; done: () => void } {
    let entry = this.controllers.get(jobId);
    if (!entry) {
      const controller = new AbortController();
      setMaxListeners(0, controller.signal);
      this.controllers.set(jobId, (entry = { controller, users: 0 }));
    }
    entry.users++;
    const e = entry;
    return {
      signal: e.controller.signal,
      done: () => {
        if (--e.users === 0 && this.controllers.get(jobId) === e) {
          this.controllers.delete(jobId);
          this.plans.delete(jobId);
        }
      },
    };
  }

  private async publish(n: JobNotice, tx?: Kysely<Database>): Promise<void> {
    await this.rt.store.bus.publish(JOB_EVENT, n as unknown as Record<string, unknown>, tx);
  }

  /** One segment of a translate job. Returns 'release' when the task must go back to the queue. */
  private async runSegment(t: SegmentTask): Promise<'done' | 'release'> {
    const { store } = this.rt;
    const job = await store.jobs.get(t.jobId);
    const task = await store.db.selectFrom('job_tasks').select('state').where('job_id', '=', t.jobId).where('segment_id', '=', t.segmentId).executeTakeFirst();
    if (!job || job.status !== 'running' || task?.state !== 'pending') return 'done';
    const seg = await store.segments.get(t.segmentId);
    if (!seg) return this.commit(job, t.segmentId, { failure: 'The segment no longer exists' }).then(() => 'done');
    const { signal, done } = this.signalFor(job.id);
    try {
      // A cancel that came between the read above and the controller: its notice found no call to abort, but the row
      // says so (the notice goes out when the cancel commits).
      if ((await store.jobs.get(job.id))?.status !== 'running') return 'done';
      let plan = this.plans.get(job.id);
      if (!plan) this.plans.set(job.id, (plan = translatePlan(this.rt, job)));
      let result: { got: Produced; qa: unknown[] };
      try {
        const p = await plan;
        const previous = await store.db.selectFrom('segments').selectAll().where('article_id', '=', seg.article_id).where('idx', '=', seg.idx - 1).executeTakeFirst();
        const got = await produceTranslation(this.rt, p, seg, previous, signal);
        result = { got, qa: await checkTranslation(this.rt, p, seg, got.text) };
      } catch (err) {
        if (signal.aborted) return signal.reason instanceof Stopping ? 'release' : 'done';
        // Reported on the segment (a model that keeps failing, no model configured, a vanished article): never left as done.
        await this.commit(job, seg.id, { failure: (err as Error).message });
        return 'done';
      }
      await this.commit(job, seg.id, result);
      return 'done';
    } finally {
      done();
    }
  }

  /**
   * Claim the task and save its result in one transaction, with the job's row locked so counts and the job's end are
   * decided once. A task someone else finished, or a job cancelled meanwhile, saves nothing.
   */
  private async commit(job: JobRow, segmentId: string, r: { got: Produced; qa: unknown[] } | { failure: string }): Promise<void> {
    const { store } = this.rt;
    await store.db.transaction().execute(async (tx) => {
      const locked = await lockJob(tx, job.id);
      if (!locked || locked.status !== 'running') return;
      const state = 'got' in r ? 'done' : 'failed';
      const claimed = await tx.updateTable('job_tasks').set({ state, error: 'got' in r ? null : r.failure, updated_at: new Date().toISOString() })
        .where('job_id', '=', job.id).where('segment_id', '=', segmentId).where('state', '=', 'pending').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return;
      const segments = segmentsRepository(tx);
      let saved = false;
      let failure = 'got' in r ? undefined : r.failure;
      if ('got' in r) {
        try {
          saved = await saveTranslation(segments, segmentId, { ...r.got, qa: r.qa });
        } catch (err) {
          failure = (err as Error).message;
          await tx.updateTable('job_tasks').set({ state: 'failed', error: failure }).where('job_id', '=', job.id).where('segment_id', '=', segmentId).execute();
        }
      }
      if (failure !== undefined) await markFailed(segments, segmentId, failure);
      const settled = await settleJob(tx, locked);
      // Sent when this transaction commits: in commit order, never before the rows they tell of.
      await segmentChanged(store, { id: segmentId, article_id: job.article_id }, tx);
      await this.publish({ jobId: job.id, type: 'segment', segmentId, saved, cached: 'got' in r && r.got.cached, failed: failure !== undefined }, tx);
      await this.publish({ jobId: job.id, type: settled ? 'done' : 'progress' }, tx);
    });
  }

  /** A whole job (a brief): the in-process handler, with its progress and events going to the database and the bus. */
  private async runJob(jobId: string): Promise<'done' | 'release'> {
    const { store } = this.rt;
    const claimed = await store.db.updateTable('jobs').set({ status: 'running', started_at: new Date().toISOString(), done: 0, failed: 0 })
      .where('id', '=', jobId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
    if (!claimed) return 'done';
    await this.publish({ jobId, type: 'progress' });
    const { signal, done } = this.signalFor(jobId);
    if ((await store.jobs.get(jobId))?.status !== 'running') {
      done(); // cancelled between the claim and the controller
      return 'done';
    }
    const ctx: JobContext = {
      job: claimed,
      signal,
      progress: async ({ total, done: d, failed }) => {
        await store.db.updateTable('jobs').set({ ...(total === undefined ? {} : { total }), done: d, failed }).where('id', '=', jobId).where('status', '=', 'running').execute();
        await this.publish({ jobId, type: 'progress' });
      },
      emit: (e: JobEvent) => {
        if (e.type === 'error') void this.publish({ jobId, type: 'error', message: e.message });
      },
    };
    let result: { status: JobStatus; error?: string | null };
    try {
      const handler = claimed.kind === 'brief' ? runBriefJob : undefined;
      if (!handler) throw new Error(`no worker handles ${claimed.kind} jobs`);
      result = await handler(this.rt, ctx);
    } catch (err) {
      if (signal.aborted) return signal.reason instanceof Stopping ? 'release' : 'done';
      result = { status: 'failed', error: (err as Error).message };
      await this.publish({ jobId, type: 'error', message: (err as Error).message });
    } finally {
      done();
    }
    const finished = await store.db.updateTable('jobs').set({ status: result.status, error: result.error ?? null, finished_at: new Date().toISOString() })
      .where('id', '=', jobId).where('status', '=', 'running').executeTakeFirst();
    if (Number(finished.numUpdatedRows) > 0) await this.publish({ jobId, type: 'done' });
    return 'done';
  }
}
