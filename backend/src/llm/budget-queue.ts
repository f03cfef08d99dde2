/**
 * The waiting room both provider budgets share: callers queue in order, and only the first one asks the budget for a
 * slot. When the budget says "not yet" it also says how long at most to wait; the head then sleeps until that time,
 * a `wake()` (a slot was released, here or in another process) or its own abort, whichever comes first.
 */

/** One attempt's answer: a slot with its release, or how long to wait before asking again (Infinity: until woken). */
export type Attempt = { release: () => void } | { waitMs: number };

interface Waiter {
  resolve(release: () => void): void;
  reject(err: unknown): void;
  signal?: AbortSignal;
}

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export class AcquireQueue {
  private readonly waiters: Waiter[] = [];
  private running = false;
  private woken = false;
  private wakeHead: (() => void) | undefined;
  private closedWith: Error | undefined;

  /** `attempt` asks the budget once; it is never called twice at the same time. */
  constructor(private readonly attempt: () => Attempt | Promise<Attempt>) {}

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i > 0) this.waiters.splice(i, 1);
        // The head is removed by the loop, which may be holding a freshly granted slot to hand back.
        if (i === 0) this.wake();
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiter.resolve = (release) => { signal?.removeEventListener('abort', onAbort); resolve(release); };
      waiter.reject = (err) => { signal?.removeEventListener('abort', onAbort); reject(err); };
      this.waiters.push(waiter);
      void this.run();
    });
  }

  /** Something changed (a slot came back): the head asks again now instead of at the end of its wait. */
  wake(): void {
    this.woken = true;
    this.wakeHead?.();
  }

  /** Refuse every waiting and future caller with `err`. */
  close(err: Error): void {
    this.closedWith = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
    this.wakeHead?.();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiters.length > 0 && !this.closedWith) {
        const head = this.waiters[0]!;
        if (head.signal?.aborted) { this.waiters.shift(); continue; }
        this.woken = false;
        let answer: Attempt;
        try {
          answer = await this.attempt();
        } catch (err) {
          if (this.waiters[0] === head) this.waiters.shift();
          head.reject(err);
          continue;
        }
        if ('release' in answer) {
          if (this.waiters[0] === head) this.waiters.shift();
          // Aborted or closed while the slot was being taken: hand it straight back.
          if (head.signal?.aborted || this.closedWith) answer.release();
          else head.resolve(answer.release);
          continue;
        }
        // A release that landed while we were asking is not lost: ask again at once.
        if (!this.woken) await this.sleep(answer.waitMs);
      }
    } finally {
      this.running = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.wakeHead = undefined; resolve(); };
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined;
      this.wakeHead = done;
    });
  }
}
