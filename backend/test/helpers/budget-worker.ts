/**
 * A separate process sharing a PostgreSQL provider budget, for tests that need real processes:
 *   node --import tsx budget-worker.ts calls <databaseUrl> <concurrency> <baseURL> <count>
 *     sends <count> chat requests at once through budgetedFetch, prints `done <count>` and exits;
 *   node --import tsx budget-worker.ts hold <databaseUrl> <concurrency> <leaseMs> <slots>
 *     takes <slots> slots, prints `held`, and keeps them (renewing the lease) until it is killed, 30 s at most.
 */
import { budgetedFetch } from '../../src/llm/budgeted-fetch.ts';
import { createProviderBudget } from '../../src/llm/provider-budget.ts';

const [mode, url, concurrency, arg, n] = process.argv.slice(2);
if (!url || !concurrency || !arg || !n || (mode !== 'calls' && mode !== 'hold')) {
  process.stderr.write('usage: budget-worker.ts calls|hold <databaseUrl> <concurrency> <baseURL|leaseMs> <count>\n');
  process.exit(2);
}
const store = { kind: 'postgres', url } as const;

if (mode === 'calls') {
  const budget = await createProviderBudget({ store, concurrency: Number(concurrency) });
  const fetchBudgeted = budgetedFetch(budget);
  await Promise.all(Array.from({ length: Number(n) }, async (_, i) => {
    const res = await fetchBudgeted(`${arg}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'scripted-1', messages: [{ role: 'user', content: `process ${process.pid} call ${i}` }] }),
    });
    if (!res.ok) throw new Error(`call ${i}: HTTP ${res.status}`);
    await res.json();
  }));
  await budget.close();
  process.stdout.write(`done ${n}\n`);
} else {
  const budget = await createProviderBudget({ store, concurrency: Number(concurrency), leaseMs: Number(arg) });
  for (let i = 0; i < Number(n); i++) await budget.acquire();
  process.stdout.write('held\n');
  setTimeout(() => process.exit(0), 30_000);
}
