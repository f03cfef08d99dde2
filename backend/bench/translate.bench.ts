/**
 * Translation throughput and prompt size against the scripted OpenAI-compatible server: a 40-segment article,
 * 500 ms per call, 8 calls in flight. Prints wall time against the lower bound ceil(40/8) x 500 ms (target ratio
 * <= 1.3) and prompt tokens against the source (target <= 3x, not counting the prefix every call shares: the
 * system message and the article title, which prefix caches reuse; the ratio without only the system message is
 * printed too). Tokens are counted the scripted server's way (words, numbers, punctuation marks).
 *
 *   npm run bench                  (BENCH_DEBUG=1 also prints when each request started, ms after the first;
 *                                  BENCH_LATENCY_MS changes the scripted latency)
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { startTranslation } from '../src/services/translation.ts';
import { createTranslationRuntime } from '../src/services/translation-runtime.ts';
import { SAMPLE_FILE, SAMPLE_TITLE, seedArticle } from '../test/helpers/seed-article.ts';
import { createStore } from '../src/storage/index.ts';
import { countTokens, extractSource } from '../test/helpers/scripted-model-server.ts';
import type { ServerReport } from './scripted-server-process.ts';

const SEGMENTS = 40;
const CONCURRENCY = 8;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 500);

function commonPrefix(texts: string[]): string {
  let prefix = texts[0] ?? '';
  for (const t of texts) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** 40 distinct real segments: the sample's sentences, in order. */
function benchSegments(): string[] {
  const paragraphs = fs.readFileSync(SAMPLE_FILE, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length >= 40);
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[.!?…])\s+(?=\p{Lu})/u)).filter((s) => s.length >= 40);
  const unique = [...new Set(sentences)];
  if (unique.length < SEGMENTS) throw new Error(`the sample has only ${unique.length} usable sentences`);
  return unique.slice(0, SEGMENTS);
}

export async function runTranslateBench(): Promise<{ ratio: number; promptRatio: number }> {
  const server = await startScriptedServerProcess(LATENCY_MS);
  const store = await createStore({ filename: ':memory:' });
  try {
    const config = loadConfig({
      OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-bench',
      WORKBENCH_CONCURRENCY: String(CONCURRENCY), WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent',
    });
    const rt = createTranslationRuntime({ config, store });
    const segments = benchSegments();
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, segments);
    // Warm up before the clock starts (modules LangChain loads on its first call, the termbase, the database):
    // start-up is not throughput. The warm-up article is not counted.
    const warm = await seedArticle(store, 'Khởi động', ['Tỉnh Hòa Bình chào đón đoàn công tác của tỉnh Yamanashi.']);
    await startTranslation(rt, warm.articleId);
    await rt.runner.idle();
    await server.ask('reset');

    const started = performance.now();
    const job = await startTranslation(rt, articleId);
    await rt.runner.idle();
    const wallMs = performance.now() - started;
    const final = await rt.runner.get(job.id);

    const runs = await store.runs.listByArticle(articleId);
    const promptTokens = runs.reduce((n, r) => n + (r.tokens_in ?? 0), 0);
    const completionTokens = runs.reduce((n, r) => n + (r.tokens_out ?? 0), 0);
    const { report } = (await server.ask('report')) as { report: ServerReport };
    const calls = report.requests.length;
    if (process.env.BENCH_DEBUG) console.log(report.starts?.join(' '));
    const systemPrefix = countTokens(report.requests[0]![0]!);
    // What a prefix cache can reuse: the longest start shared by every call (system message, then the article title).
    const texts = report.requests.map((r) => r.join('\n'));
    const shared = commonPrefix(texts).replace(/\S*$/u, '');
    const sharedPrefix = countTokens(shared);
    const sourceTokens = segments.reduce((n, s) => n + countTokens(s), 0);
    const withoutSystem = promptTokens - systemPrefix * calls;
    const variablePrompt = promptTokens - sharedPrefix * calls;
    const bound = Math.ceil(SEGMENTS / CONCURRENCY) * LATENCY_MS;
    const ratio = wallMs / bound;
    const promptRatio = variablePrompt / sourceTokens;
    const carried = report.requests.every((r) => segments.includes(extractSource(r.at(-1)!)));

    const rows: [string, string][] = [
      ['job', `${final.status} (${final.done}/${final.total}, ${final.failed} failed)`],
      ['segments / concurrency / latency', `${SEGMENTS} / ${CONCURRENCY} / ${LATENCY_MS} ms`],
      ['wall time', `${wallMs.toFixed(0)} ms`],
      ['lower bound ceil(40/8) x 500 ms', `${bound} ms`],
      ['ratio (target <= 1.3)', `${ratio.toFixed(3)} ${ratio <= 1.3 ? 'OK' : 'OVER'}`],
      ['model calls', `${calls} (max in flight ${report.maxInFlight})`],
      ['prompt tokens (all)', String(promptTokens)],
      ['completion tokens', String(completionTokens)],
      ['source tokens', String(sourceTokens)],
      ['system message per call', `${systemPrefix} x ${calls} = ${systemPrefix * calls}`],
      ['prefix shared by all calls (system + title)', `${sharedPrefix} x ${calls} = ${sharedPrefix * calls}`],
      ['prompt tokens without the shared prefix', String(variablePrompt)],
      ['prompt / source, without shared prefix (target <= 3)', `${promptRatio.toFixed(2)} ${promptRatio <= 3 ? 'OK' : 'OVER'}`],
      ['prompt / source, without system message only', (withoutSystem / sourceTokens).toFixed(2)],
      ['prompt / source, everything', (promptTokens / sourceTokens).toFixed(2)],
      ['every call carried its segment', carried ? 'yes' : 'NO'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    return { ratio, promptRatio };
  } finally {
    await store.close();
    await server.close();
  }
}

/** Start the scripted server in a child process and talk to it over IPC. */
export async function startScriptedServerProcess(latencyMs: number) {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'scripted-server-process.ts'), [String(latencyMs)], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`the scripted server exited (${code})`)));
  });
  const { baseURL } = (await next()) as { baseURL: string };
  return {
    baseURL,
    ask: (msg: 'reset' | 'report') => { const reply = next(); child.send(msg); return reply; },
    close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.send('close'); }),
  };
}

// Run directly (npm run bench): exit 1 when a target is missed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ratio, promptRatio } = await runTranslateBench();
  process.exitCode = ratio <= 1.3 && promptRatio <= 3 ? 0 : 1;
}
