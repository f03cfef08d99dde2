/**
 * Runner benchmark: 990 NTREX lines x 2 prompt versions (1,980 calls) through `npm run eval` in a child process,
 * against the scripted model server at 50 ms a call with 16 in flight; then a warm re-run into a new --out folder,
 * served by the model-run cache in DATA_DIR's database. Prints wall time and its ratio to the lower bound
 * ceil(1980/16) x 50 ms (target <= 1.2), client CPU per call, start-up time (process spawn to first model request,
 * target < 1 s), peak RSS of the eval process (target < 200 MB), the warm re-run (zero calls) and report.html's size
 * (target < 2 MB), and where the cold run's wall time goes: before the first call, the calls themselves (with the time
 * a call spends outside the server), after the last answer. EVAL_BENCH_LINES, EVAL_BENCH_LATENCY_MS and
 * EVAL_BENCH_IN_FLIGHT change the job; EVAL_BENCH_NODE_FLAGS adds node flags to the eval process (e.g. --cpu-prof).
 *
 *   node --import tsx evals/bench/eval.bench.ts
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINES = Number(process.env.EVAL_BENCH_LINES ?? 990);
const PROMPTS = ['translate@v1', 'translate@v2'];
const LATENCY_MS = Number(process.env.EVAL_BENCH_LATENCY_MS ?? 50);
const IN_FLIGHT = Number(process.env.EVAL_BENCH_IN_FLIGHT ?? 16);

/** The node flags of `npm run eval` (package.json), so the benchmark measures what the command runs. */
const NODE_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.eval!
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

/** EVAL_BENCH_NODE_FLAGS: more node flags for the eval process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const CHILD_FLAGS = (process.env.EVAL_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

interface ChildRun {
  wallMs: number;
  /** Date.now() when the child was spawned and when it had exited. */
  spawnedAt: number;
  exitedAt: number;
  exitCode: number | null;
  maxRssMb: number;
  cpuMs: number;
  /** Mean latency of a call as the eval process saw it, and mean time a pool slot spent between an answer and its next call. */
  clientLatencyMs: number;
  clientGapMs: number;
  stderr: string;
}

/** Run `npm run eval`'s launcher in a child process; a preload makes it report its own peak RSS on exit. */
function runEval(baseURL: string, out: string, dataDir: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const spawnedAt = Date.now();
    const child = spawn(
      process.execPath,
      [...NODE_FLAGS, ...CHILD_FLAGS, '--import', path.join(ROOT, 'evals/bench/report-rss.mjs'), '--import', path.join(ROOT, 'evals/bench/report-calls.mjs'), 'scripts/run-ts.mjs', 'evals/src/main.ts',
        '--dataset', 'evals/datasets/ntrex128-vi-en-dev.jsonl', '--limit', String(LINES),
        ...PROMPTS.flatMap((p) => ['--prompt', p]), '--concurrency', String(IN_FLIGHT), '--out', out],
      {
        cwd: ROOT,
        env: { ...process.env, EVAL_BENCH_SLOTS: String(IN_FLIGHT), OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'bench', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', DATA_DIR: dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /peak-rss-kb=(\d+)/.exec(stderr);
      const cpu = /cpu-ms=(\d+)/.exec(stderr);
      const client = /client-latency-ms=([\d.]+) client-gap-ms=([-\d.]+)/.exec(stderr);
      resolve({ wallMs: performance.now() - started, spawnedAt, exitedAt: Date.now(), exitCode: code, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, cpuMs: cpu ? Number(cpu[1]) : NaN, clientLatencyMs: client ? Number(client[1]) : NaN, clientGapMs: client ? Number(client[2]) : NaN, stderr });
    });
  });
}

/** Open report.html in Debian's Chromium: time to the load event (the item list is drawn by then), DOM size. */
async function reportLoad(file: string): Promise<{ ms: number; nodes: number; height: number } | null> {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(exe)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${file}`); // once to warm the browser itself, then measured
    await page.goto(`file://${file}`);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ms: nav.loadEventEnd - nav.startTime, nodes: document.getElementsByTagName('*').length, height: document.documentElement.scrollHeight };
    });
  } finally {
    await browser.close();
  }
}

// build the launcher's bundle first (what any earlier `npm run eval` leaves behind), and time that separately
const buildStarted = performance.now();
await new Promise<void>((resolve, reject) => {
  const b = spawn(process.execPath, ['scripts/run-ts.mjs', 'evals/src/main.ts', '--help'], { cwd: ROOT, stdio: 'ignore' });
  b.on('error', reject);
  b.on('close', () => resolve());
});
const buildMs = performance.now() - buildStarted;

const server = await startScriptedModelServer({ latencyMs: LATENCY_MS });
const out = await mkdtemp(path.join(tmpdir(), 'eval-bench-'));
try {
  const dataDir = path.join(out, 'data');
  const cold = await runEval(server.baseURL, path.join(out, 'cold'), dataDir);
  if (cold.exitCode !== 0) throw new Error(`eval failed:\n${cold.stderr}`);
  const htmlBytes = (await stat(path.join(out, 'cold', 'report.html'))).size;
  const load = await reportLoad(path.join(out, 'cold', 'report.html'));
  const calls = server.requests.length;
  const startupMs = (server.requests[0]?.startedAt ?? NaN) - cold.spawnedAt;
  // where the wall time goes: before the first call, between the first call and the last answer, after it; and per
  // call, how long a slot of the pool spends outside the server's own handling (the client's work and both event loops)
  const lastAnswer = Math.max(...server.requests.map((r) => r.endedAt ?? NaN));
  const spanMs = lastAnswer - (server.requests[0]?.startedAt ?? NaN);
  const inServerMs = server.requests.reduce((s, r) => s + ((r.endedAt ?? NaN) - r.startedAt), 0);
  const outsideMs = (spanMs * IN_FLIGHT - inServerMs) / calls;
  const tailMs = cold.exitedAt - lastAnswer;
  const lowerBound = Math.ceil((LINES * PROMPTS.length) / IN_FLIGHT) * LATENCY_MS;
  const maxInFlight = server.maxInFlight;

  server.reset();
  // a new --out folder: the cache is the database's, not the folder's
  const warm = await runEval(server.baseURL, path.join(out, 'warm'), dataDir);
  if (warm.exitCode !== 0) throw new Error(`warm eval failed:\n${warm.stderr}`);

  const line = (k: string, v: string, target = '') => console.log(`${k.padEnd(28)} ${v.padEnd(14)} ${target}`);
  line('bundle check/build + --help', `${buildMs.toFixed(0)} ms`, 'once per source change');
  line('calls (cold)', String(calls), `expected ${LINES * PROMPTS.length}`);
  line('max in flight', String(maxInFlight), `limit ${IN_FLIGHT}`);
  line('wall time (cold)', `${cold.wallMs.toFixed(0)} ms`);
  line('lower bound', `${lowerBound} ms`, `ceil(${LINES * PROMPTS.length}/${IN_FLIGHT}) x ${LATENCY_MS} ms`);
  line('ratio', (cold.wallMs / lowerBound).toFixed(3), 'target <= 1.2');
  line('start-up (to 1st call)', `${startupMs.toFixed(0)} ms`, 'target < 1000 ms');
  line('1st call to last answer', `${spanMs.toFixed(0)} ms`, `of which ${(inServerMs / calls).toFixed(1)} ms a call inside the server`);
  line('outside the server per call', `${outsideMs.toFixed(2)} ms`, 'the time of a pool slot not spent inside the server, a call');
  line('  answer to next call', `${cold.clientGapMs.toFixed(2)} ms`, 'the eval process, from response headers to its next fetch');
  line('  in transit', `${(cold.clientLatencyMs - inServerMs / calls).toFixed(2)} ms`, 'latency the eval process saw minus time inside the server');
  line('last answer to exit', `${tailMs.toFixed(0)} ms`, 'report and exit');
  line('client CPU per call', `${(cold.cpuMs / calls).toFixed(2)} ms`, 'CPU of the eval process / calls');
  line('peak RSS (cold)', `${cold.maxRssMb.toFixed(1)} MB`, 'target < 200 MB');
  line('report.html size', `${(htmlBytes / 1e6).toFixed(2)} MB`, 'target < 2 MB');
  line('report.html load (Chromium)', load ? `${load.ms.toFixed(0)} ms` : 'no chromium', 'target < 1000 ms, to the load event');
  if (load) line('report.html DOM nodes', String(load.nodes), `page height ${load.height} px`);
  line('warm re-run wall time', `${warm.wallMs.toFixed(0)} ms`, 'new --out folder');
  line('warm re-run calls', String(server.requests.length), 'target 0');
  line('peak RSS (warm)', `${warm.maxRssMb.toFixed(1)} MB`);
  // CPU time depends far less than wall time on what else the machine is running
  line('CPU time cold / warm', `${cold.cpuMs} / ${warm.cpuMs} ms`);
  line('load average (1 min)', (await import('node:os')).loadavg()[0]!.toFixed(2), 'wall times stretch when this exceeds the cores');
  const phases = (r: ChildRun) => /timings ms: ([^;]*)/.exec(r.stderr)?.[1] ?? '?';
  console.log(`phases (cold): ${phases(cold)}\nphases (warm): ${phases(warm)}`);
} finally {
  await server.close();
  await rm(out, { recursive: true, force: true });
}
