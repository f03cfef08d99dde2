/**
 * The work queue shared by every server and worker process on one PostgreSQL database: pg-boss (version 10, the line
 * that runs on Node 20). Two queues: a translate job's segments, one task each, and whole jobs (a brief). A task a
 * worker fetched is leased for `leaseSeconds`, and the worker renews the lease while it works (`renew`), so a task may
 * take longer than its lease; when its worker dies the lease runs out and pg-boss hands the task to another.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';

/** pg-boss's tables live in a schema of their own. */
const SCHEMA = 'pgboss';
export const SEGMENT_QUEUE = 'translate-segment';
export const JOB_QUEUE = 'job';

export interface SegmentTask { jobId: string; segmentId: string }
export interface JobTask { jobId: string }

export interface QueueOptions {
  url: string;
  /** How long a fetched task stays with its worker before another may take it. */
  leaseSeconds: number;
  /** How often expired leases are looked for. */
  maintenanceSeconds: number;
}

export interface FetchedTask<T> { id: string; queue: string; data: T }

export class JobQueue {
  private constructor(private readonly boss: PgBoss, private readonly opts: QueueOptions) {}

  static async open(opts: QueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: opts.url,
      schema: SCHEMA,
      max: 4,
      application_name: 'workbench-queue',
      maintenanceIntervalSeconds: opts.maintenanceSeconds,
      schedule: false,
    });
    // pg-boss reports background errors (a dropped connection) as events; without a listener they would be thrown.
    boss.on('error', () => {});
    await boss.start();
    // A task is tried again after an expired lease; more than this many expiries means something else is wrong.
    for (const name of [SEGMENT_QUEUE, JOB_QUEUE]) await boss.createQueue(name, { name, retryLimit: 20, retryDelay: 0, expireInSeconds: opts.leaseSeconds });
    return new JobQueue(boss, opts);
  }

  /** Add tasks inside the caller's transaction, so a job and its tasks are created together or not at all. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async add(db: Kysely<any>, queue: string, tasks: object[]): Promise<void> {
    if (!tasks.length) return;
    const executeSql = async (text: string, values: unknown[]) => ({ rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] });
    await this.boss.insert(tasks.map((data) => ({ name: queue, data, expireInSeconds: this.opts.leaseSeconds })), { db: { executeSql } });
  }

  /** The next task of `queue`, leased to this process, or undefined when there is none. */
  async fetch<T>(queue: string): Promise<FetchedTask<T> | undefined> {
    const [job] = await this.boss.fetch<T>(queue, { batchSize: 1 });
    return job && { id: job.id, queue, data: job.data };
  }

  /**
   * Extend the leases of tasks this process is working on to `leaseSeconds` from now. pg-boss 10 has no heartbeat of
   * its own: it fails an active task once `started_on + expire_in` is past, so the renewal moves `expire_in` on.
   */
  async renew(tasks: FetchedTask<unknown>[]): Promise<void> {
    if (!tasks.length) return;
    await this.boss.getDb().executeSql(
      `UPDATE ${SCHEMA}.job SET expire_in = (now() - started_on) + make_interval(secs => $2) WHERE id = ANY($1::uuid[]) AND state = 'active'`,
      [tasks.map((t) => t.id), this.opts.leaseSeconds],
    );
  }

  async complete(task: FetchedTask<unknown>): Promise<void> {
    await this.boss.complete(task.queue, task.id);
  }

  /** Give a task back at once (this process is stopping), for another worker to take. */
  async release(task: FetchedTask<unknown>): Promise<void> {
    await this.boss.fail(task.queue, task.id, { reason: 'released by a stopping worker' });
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
