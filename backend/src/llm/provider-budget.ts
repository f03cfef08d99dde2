/**
 * The model provider's limits, held across every process that calls it.
 *
 * Contract of a ProviderBudget:
 * - `acquire(signal)` resolves once a call may start, with a `release` to call when it is over (calling it again does
 *   nothing). A call may start when (a) fewer than `concurrency` calls are in flight, (b) fewer than `rpm` calls
 *   started in the last minute (no limit when `rpm` is unset) and (c) no back-off is running. Callers are served in
 *   arrival order within a process. `signal` aborting rejects the wait with the signal's reason; a slot granted at
 *   that moment is handed back.
 * - `slowDown(ms)` starts a back-off: no call anywhere starts for `ms` from now (a longer back-off already running is
 *   kept). Calls in flight are not touched.
 * - `close()` refuses waiting and future `acquire`s, hands back the slots this instance still holds and closes its
 *   connections.
 *
 * Two implementations, chosen by where the store lives:
 * - SQLite (one server process): counters in memory (provider-budget-local.ts).
 * - PostgreSQL: rows in the shared database (provider-budget-postgres.ts), so `concurrency` and `rpm` are global
 *   budgets for every process using that database, not per process; every process must be given the same limits.
 *   A slot is a lease of `leaseMs` renewed while held, so the slots of a killed process come back within `leaseMs`.
 *   The tables come from migration 0008_provider_budget: open the database (which migrates it) first.
 *
 * `budgetedFetch` (budgeted-fetch.ts) puts a budget around every HTTP request to the provider; `createChatModel(config,
 * { budget })` uses it for every attempt the openai client makes, retries included.
 * @example
 * const budget = await createProviderBudget({ store: storeLocation(opts), ...budgetLimits(config) });
 * const model = createChatModel(config, { budget });
 * // ... on shutdown
 * await budget.close();
 */
import type { Config } from '../config.ts';
import type { StoreLocation } from '../storage/db.ts';
import { createLocalBudget } from './provider-budget-local.ts';

export interface ProviderBudget {
  acquire(signal?: AbortSignal): Promise<() => void>;
  slowDown(ms: number): Promise<void> | void;
  close(): Promise<void>;
}

export interface ProviderBudgetLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per window (a minute); unset: no limit. */
  rpm?: number;
  /** The RPM window; 60 s unless a test shortens it. */
  rpmWindowMs?: number;
}

export interface ProviderBudgetOptions extends ProviderBudgetLimits {
  /** Where the store lives; a PostgreSQL store shares the budget with every process using it. */
  store: StoreLocation;
  /** PostgreSQL: how long the slots of a process that died stay taken (default 30 s; renewed every third of it). */
  leaseMs?: number;
  /** PostgreSQL: longest a waiter trusts LISTEN/NOTIFY before asking the database again (default 500 ms). */
  pollMs?: number;
}

/** The limits the configuration asks for: WORKBENCH_CONCURRENCY calls in flight, WORKBENCH_RPM starts a minute. */
export function budgetLimits(config: Pick<Config, 'WORKBENCH_CONCURRENCY' | 'WORKBENCH_RPM'>): ProviderBudgetLimits {
  return { concurrency: config.WORKBENCH_CONCURRENCY, rpm: config.WORKBENCH_RPM };
}

/** A budget in memory for a SQLite store, in the database for a PostgreSQL one. */
export async function createProviderBudget(options: ProviderBudgetOptions): Promise<ProviderBudget> {
  const { store, ...rest } = options;
  // the PostgreSQL budget (and `pg`) load only for a PostgreSQL store
  if (store.kind === 'postgres') return (await import('./provider-budget-postgres.ts')).createPostgresBudget({ ...rest, url: store.url });
  return createLocalBudget(rest);
}
