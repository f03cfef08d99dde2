/**
 * What the shared PostgreSQL provider budget costs per model call, in a throwaway database on TEST_DATABASE_URL:
 *  1. one process, one caller: acquire and release in turn, ms each (the release awaited through a following acquire);
 *  2. the target workload: 160 calls of 500 ms to the scripted server through budgetedFetch with a budget of 16, once
 *     in memory (the HTTP baseline) and once shared by 4 PostgreSQL budgets (own pools, as 4 processes): wall time
 *     against the ideal 160 / 16 x 500 ms, and the most calls the server saw in flight.
 * Run: TEST_DATABASE_URL=postgres://… node --import tsx backend/bench/provider-budget.bench.ts
 * (target: a few ms per call; prints a notice and does nothing without TEST_DATABASE_URL)
 */
import { budgetedFetch } from '../src/llm/budgeted-fetch.ts';
import { createProviderBudget } from '../src/llm/provider-budget.ts';
import { openDatabase } from '../src/storage/db.ts';
import { createTestDatabase, testDatabaseUrl } from '../test/helpers/postgres.ts';
import { startScriptedModelServer } from '../test/helpers/scripted-model-server.ts';

if (!testDatabaseUrl()) {
  console.log('provider-budget: skipped, TEST_DATABASE_URL is not set (a PostgreSQL server whose user may create databases)');
  process.exit(0);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (ms: number) => ms.toFixed(2);

const database = await createTestDatabase();
const server = await startScriptedModelServer({ latencyMs: 500 });
try {
  await (await openDatabase({ filename: '', databaseUrl: database.url })).destroy();
  const store = { kind: 'postgres', url: database.url } as const;

  const one = await createProviderBudget({ store, concurrency: 16 });
  const acquireMs: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    const release = await one.acquire();
    acquireMs.push(performance.now() - t0);
    release();
  }
  await one.close();
  console.log(`sequential, 1000 calls: acquire mean ${fmt(acquireMs.reduce((a, b) => a + b, 0) / acquireMs.length)} ms, `
    + `p50 ${fmt(percentile(acquireMs, 0.5))} ms, p95 ${fmt(percentile(acquireMs, 0.95))} ms, max ${fmt(Math.max(...acquireMs))} ms`
    + ' (release: one more round trip, not awaited by the caller)');

  const calls = 160;
  const rounds = calls / 16;
  const ideal = rounds * 500;
  for (const [label, where] of [['in memory, 1 process', { kind: 'sqlite', file: ':memory:' }], ['PostgreSQL, 4 processes', store]] as const) {
    server.reset();
    const budgets = where.kind === 'sqlite'
      ? [await createProviderBudget({ store: where, concurrency: 16 })]
      : await Promise.all([1, 2, 3, 4].map(() => createProviderBudget({ store: where, concurrency: 16 })));
    const fetches = budgets.map((b) => budgetedFetch(b));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: calls }, async (_, i) => {
      const res = await fetches[i % fetches.length]!(`${server.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'scripted-1', messages: [{ role: 'user', content: `call ${i}` }] }),
      });
      await res.json();
    }));
    const wall = performance.now() - t0;
    await Promise.all(budgets.map((b) => b.close()));
    console.log(`${label}, budget 16, ${calls} calls of 500 ms: wall ${fmt(wall)} ms against an ideal ${ideal} ms, `
      + `${fmt((wall - ideal) / rounds)} ms lost per slot turn, most in flight at the server ${server.maxInFlight}`);
  }
} finally {
  await server.close();
  await database.drop();
}
