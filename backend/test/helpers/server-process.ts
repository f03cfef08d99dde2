/**
 * The workbench as `npm start` runs it (scripts/run-ts.mjs's bundle of backend/src/server.ts), in its own process on
 * 127.0.0.1 over a throwaway DATA_DIR (and database, in the suite's PostgreSQL half): for tests and benchmarks that measure the server's event loop and memory
 * without the client's work in the same process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testStoreEnv } from './test-store.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface ServerProcess {
  base: string;
  pid: number;
  dataDir: string;
  /** Resident memory of the server process (Linux /proc), in bytes. */
  rss(): number;
  /** Stop it with SIGKILL, as a crash or a pulled plug would. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/** A port the system just gave out and took back (the server binds it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Start the server with `env` on top of a model-less configuration; resolves once /api/health answers. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-server-'));
  const store = await testStoreEnv();
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.mjs'), path.join(ROOT, 'backend/src/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', DATA_DIR: dataDir, ...store.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    base,
    pid: child.pid!,
    dataDir,
    rss: () => Number(/VmRSS:\s+(\d+) kB/u.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await store.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // At most 60 s (300 tries): the first start bundles the server with esbuild.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.close();
  throw new Error(`the server did not start: ${stderr.slice(0, 2000)}`);
}

export interface WorkerProcess {
  pid: number;
  /** What the worker wrote to stderr so far. */
  stderr(): string;
  /** Stop it with SIGKILL (no goodbye: its leased tasks come back only when the leases expire). */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/** Start `npm run worker` (backend/src/worker.ts) with `env`; resolves once it says it is ready. */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/run-ts.mjs'), path.join(ROOT, 'backend/src/worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; if (process.env.BENCH_DEBUG) process.stderr.write(d); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    // At most 60 s: the first start bundles the worker with esbuild.
    const timer = setTimeout(() => reject(new Error(`the worker did not start: ${stderr.slice(0, 2000)}`)), 60_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (stdout.includes('worker ready')) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', () => { clearTimeout(timer); reject(new Error(`the worker exited: ${stderr.slice(0, 2000)}`)); });
  });
  return { pid: child.pid!, stderr: () => stderr, kill: () => stop('SIGKILL'), close: () => stop('SIGTERM') };
}
