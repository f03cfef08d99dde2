/**
 * The provider budget shared by every process that uses the same PostgreSQL database (tables from migration
 * 0008_provider_budget). See provider-budget.ts for the contract.
 *
 * - A call in flight is a row of `provider_budget_calls` with a lease (`expires_at`), renewed every leaseMs/3 while the
 *   process holds it; a killed process's rows stop counting once their lease runs out.
 * - A granted call's `started_at` stays after its release while an RPM limit needs it, for the sliding window.
 * - `provider_budget_state` (one row) holds `backoff_until`; grants are serialised by a transaction advisory lock.
 * - Taking a slot is one round trip (one multi-statement query), a release one more (it also NOTIFYs
 *   `provider_budget`, which wakes the waiters of every process; a poll every `pollMs` covers a lost notification).
 * - Times come from the database clock, so machines with skewed clocks agree.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postgresPool } from '../storage/postgres-pool.ts';
import { AcquireQueue, type Attempt } from './budget-queue.ts';
import type { ProviderBudget, ProviderBudgetLimits } from './provider-budget.ts';

const CHANNEL = 'provider_budget';
/**
 * Serialises grants. An advisory lock rather than SELECT … FOR UPDATE on the state row: a row lock writes WAL, which
 * makes every grant wait for a disk flush; with the lock and the unlogged calls table a grant writes none.
 */
const LOCK_KEY = `hashtext('provider_budget')`;

export interface PostgresBudgetOptions extends ProviderBudgetLimits {
  url: string;
  /** Longest a slot survives its process without renewal (default 30 s). */
  leaseMs?: number;
  /** Longest a full budget waits for a notification before asking again (default 500 ms). */
  pollMs?: number;
}

interface AttemptRow {
  granted: number;
  backoff_ms: number;
  window_n: number;
  window_ms: number | null;
  expiry_ms: number | null;
}

const ms = (interval: string) => `(extract(epoch from ${interval}) * 1000)::float8`;

/** The grant query: take the lock, forget calls that no longer count, then take a slot if every limit allows. */
function attemptSql(callId: string, holder: string, o: Required<Omit<PostgresBudgetOptions, 'rpm' | 'url'>> & { rpm?: number }): string {
  const windowMs = o.rpm === undefined ? 0 : o.rpmWindowMs;
  const window = `${windowMs} * interval '1 millisecond'`;
  const rpmOk = o.rpm === undefined ? 'true' : `win.n < ${o.rpm}`;
  return `
SELECT pg_advisory_xact_lock(${LOCK_KEY});
DELETE FROM provider_budget_calls
  WHERE (released_at IS NOT NULL OR expires_at <= clock_timestamp()) AND started_at <= clock_timestamp() - ${window};
WITH t AS (SELECT clock_timestamp() AS now),
s AS (SELECT backoff_until FROM provider_budget_state WHERE id = 1),
live AS (SELECT count(*) AS n, min(expires_at) AS next_expiry FROM provider_budget_calls, t
  WHERE released_at IS NULL AND expires_at > t.now),
win AS (SELECT count(*) AS n, min(started_at) AS oldest FROM provider_budget_calls, t WHERE started_at > t.now - ${window}),
ins AS (INSERT INTO provider_budget_calls (id, holder, started_at, expires_at)
  SELECT ${pg.escapeLiteral(callId)}, ${pg.escapeLiteral(holder)}, t.now, t.now + ${o.leaseMs} * interval '1 millisecond'
  FROM t, s, live, win
  WHERE s.backoff_until <= t.now AND live.n < ${o.concurrency} AND ${rpmOk}
  RETURNING id)
SELECT (SELECT count(*) FROM ins) AS granted, ${ms('s.backoff_until - t.now')} AS backoff_ms, win.n AS window_n,
  ${ms(`win.oldest + ${window} - t.now`)} AS window_ms, ${ms('live.next_expiry - t.now')} AS expiry_ms
FROM t, s, live, win;`;
}

function positiveInt(name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${name} must be a positive integer (got ${v})`);
}

/** Connect to the database and listen for released slots. The budget tables must exist (run the migrations first). */
export async function createPostgresBudget(options: PostgresBudgetOptions): Promise<ProviderBudget> {
  const o = { leaseMs: 30_000, pollMs: 500, rpmWindowMs: 60_000, ...options };
  for (const k of ['concurrency', 'rpm', 'leaseMs', 'pollMs', 'rpmWindowMs'] as const) positiveInt(k, o[k]);
  const holder = randomUUID();
  const pool = postgresPool(o.url, 4);
  const held = new Set<string>();
  let closed = false;

  const releaseSql = o.rpm === undefined
    ? `WITH gone AS (DELETE FROM provider_budget_calls WHERE id = ANY($1::text[]) RETURNING 1)`
    : `WITH gone AS (UPDATE provider_budget_calls SET released_at = clock_timestamp() WHERE id = ANY($1::text[]) AND released_at IS NULL RETURNING 1)`;
  const giveBack = (ids: string[]) =>
    pool.query(`${releaseSql} SELECT pg_notify('${CHANNEL}', '') FROM (SELECT 1 FROM gone LIMIT 1) g`, [ids]);

  async function attempt(): Promise<Attempt> {
    const callId = randomUUID();
    const results = (await pool.query(attemptSql(callId, holder, o))) as unknown as pg.QueryResult[];
    const row = results.at(-1)!.rows[0] as AttemptRow;
    if (Number(row.granted) === 1) {
      held.add(callId);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          held.delete(callId);
          // Waiters here ask again once the row is gone (the NOTIFY reaches other processes). A release that cannot
          // reach the database is not retried: its lease runs out by itself.
          giveBack([callId]).then(() => queue.wake(), () => {});
        },
      };
    }
    if (row.backoff_ms > 0) return { waitMs: row.backoff_ms };
    if (o.rpm !== undefined && row.window_n >= o.rpm && row.window_ms !== null) return { waitMs: Math.max(1, row.window_ms) };
    return { waitMs: Math.min(o.pollMs, Math.max(1, row.expiry_ms ?? o.pollMs)) };
  }

  const queue = new AcquireQueue(attempt);

  let listener: pg.Client | undefined;
  function listenLater(): void {
    if (!closed) setTimeout(() => { if (!closed) listen().catch(listenLater); }, 1000).unref();
  }
  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: o.url });
    let lost = false;
    const reconnect = () => {
      // Until the listener is back, waiters fall back to polling.
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => {});
      listenLater();
    };
    client.on('notification', () => queue.wake());
    client.on('error', reconnect);
    client.on('end', reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost = true;
      client.end().catch(() => {});
      throw err;
    }
    if (closed) await client.end();
    else listener = client;
  }

  try {
    const state = await pool.query('SELECT 1 FROM provider_budget_state WHERE id = 1').catch((err: unknown) => {
      throw new Error('The provider budget tables are missing: open the database (which runs its migrations) first', { cause: err });
    });
    if (state.rowCount !== 1) throw new Error('The provider budget has no state row: migration 0008_provider_budget did not run to the end');
    await listen();
  } catch (err) {
    await pool.end();
    throw err;
  }

  const renewal = setInterval(() => {
    if (held.size === 0) return;
    pool.query(`UPDATE provider_budget_calls SET expires_at = clock_timestamp() + $2 * interval '1 millisecond'
      WHERE holder = $1 AND released_at IS NULL`, [holder, o.leaseMs]).catch(() => {});
  }, Math.max(1, Math.floor(o.leaseMs / 3)));
  renewal.unref();

  return {
    acquire: (signal) => queue.acquire(signal),
    slowDown: async (delayMs) => {
      await pool.query(`UPDATE provider_budget_state SET backoff_until = greatest(backoff_until, clock_timestamp() + $1 * interval '1 millisecond') WHERE id = 1`, [Math.max(0, Math.round(delayMs))]);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(renewal);
      queue.close(new Error('The provider budget is closed'));
      if (held.size > 0) await giveBack([...held]).catch(() => {});
      held.clear();
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
