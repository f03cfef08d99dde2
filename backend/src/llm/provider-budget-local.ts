/**
 * The provider budget of a single process (the SQLite store): counters in memory. See provider-budget.ts for the
 * contract.
 */
import { AcquireQueue, type Attempt } from './budget-queue.ts';
import type { ProviderBudget, ProviderBudgetLimits } from './provider-budget.ts';

export function createLocalBudget(limits: ProviderBudgetLimits): ProviderBudget {
  const windowMs = limits.rpmWindowMs ?? 60_000;
  let inFlight = 0;
  let backoffUntil = 0;
  /** Start times within the last window, oldest first (kept only with an RPM limit). */
  const starts: number[] = [];

  function attempt(): Attempt {
    const now = Date.now();
    if (backoffUntil > now) return { waitMs: backoffUntil - now };
    if (limits.rpm !== undefined) {
      while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
      if (starts.length >= limits.rpm) return { waitMs: starts[0]! + windowMs - now };
    }
    if (inFlight >= limits.concurrency) return { waitMs: Infinity };
    inFlight++;
    if (limits.rpm !== undefined) starts.push(now);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        inFlight--;
        queue.wake();
      },
    };
  }

  const queue = new AcquireQueue(attempt);
  return {
    acquire: (signal) => queue.acquire(signal),
    slowDown: (ms) => { backoffUntil = Math.max(backoffUntil, Date.now() + ms); },
    close: async () => { queue.close(new Error('The provider budget is closed')); },
  };
}
