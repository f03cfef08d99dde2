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
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
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
