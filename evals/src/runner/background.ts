/**
 * Work that can wait a little, run in short slices between the event loop's turns. While model calls are in flight
 * the runner is mostly waiting; scoring an answer or looking up the next calls in the cache then fits in the gaps,
 * instead of delaying the next call of the worker that just got its answer. An answer arriving during a slice waits
 * at most one slice (`sliceMs`, default 1 ms) plus the job under way.
 */
export class Background {
  private readonly jobs: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  private failure: { error: unknown } | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly sliceMs = 1) {}

  /** Queue a job; jobs run in the order they were added. A job that throws fails {@link drain}. */
  add(job: () => void): void {
    this.jobs.push(job);
    this.schedule();
  }

  /** Run a generator's steps as jobs, one `next()` each, until it is done (each step should be short). */
  addSteps(steps: Iterator<unknown>): void {
    const step = () => {
      if (!steps.next().done) this.add(step);
    };
    this.add(step);
  }

  /** Resolves once every job added so far, and every job they add, has run; rejects with the first job's error. */
  drain(): Promise<void> {
    if (this.head === this.jobs.length) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => {
      if (this.failure) throw this.failure.error;
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate: after the I/O callbacks of this turn, so answers that already arrived are handled first
    setImmediate(this.slice);
  }

  private readonly slice = (): void => {
    // `scheduled` stays set while the slice runs: a job that adds one leaves the scheduling to the end of the slice
    const end = performance.now() + this.sliceMs;
    while (this.head < this.jobs.length) {
      const job = this.jobs[this.head]!;
      this.jobs[this.head++] = undefined as never;
      try {
        job();
      } catch (err) {
        this.failure ??= { error: err };
      }
      if (performance.now() >= end) break;
    }
    this.scheduled = false;
    if (this.head < this.jobs.length) {
      // drop the finished part now and then, so a long run does not keep a long array of holes
      if (this.head > 1024) {
        this.jobs.splice(0, this.head);
        this.head = 0;
      }
      this.schedule();
      return;
    }
    this.jobs.length = 0;
    this.head = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  };
}
