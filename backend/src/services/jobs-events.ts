/**
 * A job's events as an async iterable for one subscriber: the current state first (so a late subscriber
 * catches up), then live events, ending after `done`. Events that arrive while the state is read are held
 * back so the order never inverts.
 */
import { FINISHED_JOB_STATUSES, type JobEvent, type JobStatus } from '../schemas/job.ts';
import { eventQueue } from './event-queue.ts';
import { toJob, type JobsRunner } from './jobs.ts';

/**
 * Follow a job until it is done or `signal` aborts (the client went away).
 * @throws ERR_JOB_NOT_FOUND
 */
export async function* followJob(runner: JobsRunner, id: string, signal: AbortSignal): AsyncGenerator<JobEvent> {
  const queue = eventQueue<JobEvent>(signal);
  const unsubscribe = runner.subscribe(id, (e) => queue.push(e));
  try {
    const current = toJob(await runner.get(id));
    yield { type: 'progress', job: current };
    if (FINISHED_JOB_STATUSES.includes(current.status as JobStatus) && !queue.some((e) => e.type === 'progress')) {
      yield { type: 'done', job: current };
      return;
    }
    yield* queue.drain((e) => e.type === 'done');
  } finally {
    unsubscribe();
    queue.close();
  }
}
