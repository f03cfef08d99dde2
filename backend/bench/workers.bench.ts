/**
 * Jobs spread over worker processes (PostgreSQL + pg-boss): 20 articles x 40 segments translated by 1, 2 and 4
 * `npm run worker` processes of 4 calls each, one server taking the requests (WORKBENCH_WORKER=off), against the
 * scripted model server at 500 ms a call in its own process. Prints wall time, calls, the most calls the model server
 * saw at once, and the speed-up over one worker. Targets: 4 workers at least 3.5x faster than 1, and within 1.2x of
 * the bound segments / (workers x 4) x 500 ms. Needs a PostgreSQL server whose user may create databases:
 *
 *   TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres npm run bench -- workers
 *   (BENCH_WORKERS=1,2,4 and BENCH_LATENCY_MS=500 change the job)
 */
import { createStore } from '../src/storage/index.ts';
import { createTestDatabase, testDatabaseUrl } from '../test/helpers/postgres.ts';
import { sampleParagraphs, seedArticle } from '../test/helpers/seed-article.ts';
import { startServerProcess, startWorkerProcess } from '../test/helpers/server-process.ts';
import type { ServerReport } from './scripted-server-process.ts';
import { startScriptedServerProcess } from './translate.bench.ts';

const ARTICLES = 20;
const SEGMENTS = 40;
const PER_WORKER = 4;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 500);
const COUNTS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);

interface Row { workers: number; wallMs: number; calls: number; maxInFlight: number; boundMs: number; status: string }

async function runWith(workerCount: number, modelURL: string, ask: (m: 'reset' | 'report') => Promise<Record<string, unknown>>): Promise<Row> {
  const db = await createTestDatabase();
  const env = {
    DATABASE_URL: db.url, OPENAI_BASE_URL: modelURL, OPENAI_API_KEY: 'bench', WORKBENCH_MODEL: 'scripted-bench', WORKBENCH_MAX_RETRIES: '0',
    WORKBENCH_CONCURRENCY: String(PER_WORKER * Math.max(...COUNTS)), WORKBENCH_WORKER_CONCURRENCY: String(PER_WORKER),
  };
  const server = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
  const store = await createStore({ filename: '', databaseUrl: db.url });
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorkerProcess(env)));
  try {
    const base = sampleParagraphs();
    const articles: string[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const paragraphs = Array.from({ length: SEGMENTS }, (_, i) => `Bài ${a + 1}, đoạn ${i + 1}. ${base[i % base.length]}`);
      articles.push((await seedArticle(store, `Bài ${a + 1}`, paragraphs)).articleId);
    }
    await ask('reset');
    const started = performance.now();
    const jobIds: string[] = [];
    for (const id of articles) {
      const res = await fetch(`${server.base}/api/articles/${id}/translate`, { method: 'POST' });
      if (res.status !== 202) throw new Error(`translate ${id}: ${res.status} ${await res.text()}`);
      jobIds.push(((await res.json()) as { jobId: string }).jobId);
    }
    let statuses: string[] = [];
    for (;;) {
      statuses = await Promise.all(jobIds.map(async (id) => (await store.jobs.get(id))!.status));
      if (statuses.every((s) => s !== 'queued' && s !== 'running')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const wallMs = performance.now() - started;
    const { report } = (await ask('report')) as { report: ServerReport };
    const segments = ARTICLES * SEGMENTS;
    const boundMs = Math.ceil(segments / (workerCount * PER_WORKER)) * LATENCY_MS;
    const counts = new Map<string, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    return { workers: workerCount, wallMs, calls: report.requests.length, maxInFlight: report.maxInFlight, boundMs, status: [...counts].map(([s, n]) => `${n} ${s}`).join(', ') };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await server.close();
    await store.close();
    await db.drop();
  }
}

if (!testDatabaseUrl()) {
  console.error('workers benchmark: set TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres (a user that may create databases)');
  process.exit(2);
}
const model = await startScriptedServerProcess(LATENCY_MS);
const rows: Row[] = [];
try {
  for (const n of COUNTS) {
    const row = await runWith(n, model.baseURL, model.ask);
    rows.push(row);
    console.log(`${n} worker(s): ${(row.wallMs / 1000).toFixed(1)} s`);
  }
} finally {
  await model.close();
}
const one = rows.find((r) => r.workers === 1);
console.log(`\n${ARTICLES} articles x ${SEGMENTS} segments, ${PER_WORKER} calls per worker, ${LATENCY_MS} ms a call`);
console.log('| workers | wall | calls | max in flight | bound | wall / bound | speed-up over 1 | jobs |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const speedUp = one ? (one.wallMs / r.wallMs).toFixed(2) + 'x' : '-';
  console.log(`| ${r.workers} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.calls} | ${r.maxInFlight} | ${(r.boundMs / 1000).toFixed(1)} s | ${(r.wallMs / r.boundMs).toFixed(3)} | ${speedUp} | ${r.status} |`);
}
const four = rows.find((r) => r.workers === 4);
if (one && four) {
  const speedUp = one.wallMs / four.wallMs;
  const ratio = four.wallMs / four.boundMs;
  console.log(`\n4 workers: ${speedUp.toFixed(2)}x faster than 1 (target >= 3.5) ${speedUp >= 3.5 ? 'OK' : 'MISSED'}; ${ratio.toFixed(3)} of the bound (target <= 1.2) ${ratio <= 1.2 ? 'OK' : 'MISSED'}`);
  process.exitCode = speedUp >= 3.5 && ratio <= 1.2 ? 0 : 1;
}
