import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../test/helpers/postgres.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';
import { openDatabase } from '../storage/db.ts';
import { budgetedFetch } from './budgeted-fetch.ts';
import { createProviderBudget, type ProviderBudget, type ProviderBudgetOptions } from './provider-budget.ts';

const WORKER = path.resolve(import.meta.dirname, '../../test/helpers/budget-worker.ts');
const reason = 'TEST_DATABASE_URL is not set: the shared provider budget needs a PostgreSQL server whose user may create databases';
if (!testDatabaseUrl()) console.warn(`skipping provider-budget-postgres.test.ts: ${reason}`);

describe.skipIf(!testDatabaseUrl())('PostgreSQL provider budget', () => {
  let database: TestDatabase;
  let server: ScriptedModelServer;
  const open: ProviderBudget[] = [];
  const children: ChildProcess[] = [];

  /** A budget with its own pg pool and listener, as a separate process would have. */
  async function processBudget(options: Omit<ProviderBudgetOptions, 'store'>): Promise<ProviderBudget> {
    const budget = await createProviderBudget({ store: { kind: 'postgres', url: database.url }, ...options });
    open.push(budget);
    return budget;
  }

  /** Run the worker script; resolves with the child once it printed `expect`. */
  function worker(args: string[], expect: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { out += d; if (out.includes(expect)) resolve(child); });
      child.stderr!.on('data', (d: Buffer) => { err += d; });
      child.on('exit', (code) => reject(new Error(`worker exited ${code} before "${expect}": ${err}`)));
    });
  }

  const call = (fetchBudgeted: typeof fetch, i: number) =>
    fetchBudgeted(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'scripted-1', messages: [{ role: 'user', content: `call ${i}` }] }),
    }).then((res) => res.json());

  beforeAll(async () => {
    database = await createTestDatabase();
    await (await openDatabase({ filename: '', databaseUrl: database.url })).destroy();
    server = await startScriptedModelServer({ latencyMs: 100 });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await Promise.all(open.map((b) => b.close()));
    await server?.close();
    await database?.drop();
  });
  beforeEach(() => {
    server.reset();
    server.setLatency(100);
  });

  it('4 processes with a budget of 6 never have more than 6 calls in flight at the server', async () => {
    const budgets = await Promise.all([1, 2, 3, 4].map(() => processBudget({ concurrency: 6 })));
    const fetches = budgets.map((b) => budgetedFetch(b));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => call(fetches[i % 4]!, i)));
    expect(replies).toHaveLength(40);
    expect(server.requests).toHaveLength(40);
    expect(server.maxInFlight).toBe(6);
  });

  it('2 child processes sharing a budget of 3 never have more than 3 calls in flight', async () => {
    await Promise.all([1, 2].map(() => worker(['calls', database.url, '3', server.baseURL, '12'], 'done 12')));
    expect(server.requests).toHaveLength(24);
    expect(server.maxInFlight).toBe(3);
  });

  it('gives back the slots of a killed process once their lease has run out, not before', async () => {
    const leaseMs = 1500;
    const child = await worker(['hold', database.url, '2', String(leaseMs), '2'], 'held');
    // Held past its first lease: the worker renews it while alive.
    await new Promise((r) => setTimeout(r, leaseMs + 300));
    const budget = await processBudget({ concurrency: 2 });
    const waitingAlive = new AbortController();
    await expect(budget.acquire(AbortSignal.any([waitingAlive.signal, AbortSignal.timeout(300)]))).rejects.toThrow();
    const killedAt = Date.now();
    child.kill('SIGKILL');
    const release = await budget.acquire(AbortSignal.timeout(leaseMs + 2000));
    const waited = Date.now() - killedAt;
    release();
    // The lease was renewed at most leaseMs/3 before the kill, so it ran out at least 2/3 of a lease after it.
    expect(waited).toBeGreaterThanOrEqual(Math.floor(leaseMs * 2 / 3) - 50);
    expect(waited).toBeLessThan(leaseMs + 1000);
  });

  it('starts at most `rpm` calls in any window, across processes', async () => {
    const windowMs = 1000;
    const budgets = await Promise.all([1, 2].map(() => processBudget({ concurrency: 10, rpm: 3, rpmWindowMs: windowMs })));
    const grantedAt: number[] = [];
    await Promise.all(Array.from({ length: 7 }, async (_, i) => {
      const release = await budgets[i % 2]!.acquire();
      grantedAt.push(Date.now());
      release();
    }));
    grantedAt.sort((a, b) => a - b);
    // Each start has at most two others in the window before it; the times are the client's, a few ms after the
    // database granted them, hence the slack.
    for (let i = 3; i < grantedAt.length; i++) expect(grantedAt[i]! - grantedAt[i - 3]!).toBeGreaterThanOrEqual(windowMs - 30);
  });

  it("makes every process wait out one process's back-off", async () => {
    const [a, b] = await Promise.all([1, 2].map(() => processBudget({ concurrency: 4 })));
    const start = Date.now();
    await a!.slowDown(600);
    (await b!.acquire())();
    expect(Date.now() - start).toBeGreaterThanOrEqual(590);
  });

  it('keeps the calls out of the WAL (an unlogged table), so a grant waits for no disk flush', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT relname, relpersistence FROM pg_class WHERE relname LIKE 'provider_budget_%' AND relkind = 'r' ORDER BY relname`);
      expect(rows).toEqual([{ relname: 'provider_budget_calls', relpersistence: 'u' }, { relname: 'provider_budget_state', relpersistence: 'p' }]);
    } finally {
      await client.end();
    }
  });

  it('refuses to start on a database whose migrations have not run, saying so', async () => {
    const bare = await createTestDatabase();
    try {
      await expect(createProviderBudget({ store: { kind: 'postgres', url: bare.url }, concurrency: 1 })).rejects.toThrow(/tables are missing: open the database/);
    } finally {
      await bare.drop();
    }
  });

  it('rejects an aborted wait and takes no slot for it', async () => {
    const budget = await processBudget({ concurrency: 1 });
    const other = await processBudget({ concurrency: 1 });
    const held = await budget.acquire();
    const controller = new AbortController();
    const waiting = other.acquire(controller.signal);
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    await expect(waiting).rejects.toThrow('job cancelled');
    held();
    const next = await other.acquire(AbortSignal.timeout(2000));
    next();
  });
});
