/**
 * Intake off the main thread: a small pool of worker threads (piscina) runs `intake()` with a time and a memory
 * budget per document. A document past its budget has its worker killed and gets a coded 4xx naming the limit;
 * the server's event loop only ever moves bytes in and results out.
 *
 * The worker's code is bundled with esbuild (npm packages left external) into node_modules/.cache/intake-worker/,
 * named by a hash of its content, so the same file runs whether the server runs from TypeScript source (tsx,
 * vitest) or from scripts/run-ts.mjs's bundle, where plain Node could not load a .ts worker.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { codedError, Errors } from '../errors.ts';
import type { IntakeInput, IntakeResult } from '../text/intake.ts';
import type { WorkerAnswer, WorkerTask } from './intake-worker.ts';

export interface IntakeLimits {
  /** Wall-clock budget per document; past it the worker is killed. */
  timeoutMs: number;
  /** V8 old-space budget per worker; past it the worker is killed. */
  memoryMb: number;
  /** Documents read at once; more wait in a queue of `QUEUE_MAX`. */
  threads: number;
}

/** Documents waiting for a worker; past this an import is refused (503) rather than queued for minutes. */
export const QUEUE_MAX = 32;
const IDLE_MS = 60_000;
const ROOT = path.resolve(import.meta.dirname, '../../..');
const WORKER_SOURCE = path.join(import.meta.dirname, 'intake-worker.ts');

let workerFile: Promise<string> | undefined;

/** Bundle the worker once per process; an unchanged bundle keeps its file (the name is its content hash). */
function bundledWorker(): Promise<string> {
  workerFile ??= (async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [WORKER_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'error',
    });
    const code = out.outputFiles[0]!.contents;
    const dir = path.join(ROOT, 'node_modules/.cache/intake-worker');
    const file = path.join(dir, `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!(await stat(file).catch(() => null))) {
      await mkdir(dir, { recursive: true });
      // Written aside and renamed: a second process starting at the same moment never runs half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, code);
      await rename(tmp, file);
    }
    return file;
  })();
  workerFile.catch(() => (workerFile = undefined));
  return workerFile;
}

/** Runs intake in worker threads under `limits`; threads start on first use and stop when idle. */
export class IntakePool {
  private pool: Promise<Piscina> | undefined;
  /** Documents being read or waiting. Counted here: piscina's maxQueue does not count tasks that carry an AbortSignal. */
  private inFlight = 0;

  constructor(readonly limits: IntakeLimits) {}

  private piscina(): Promise<Piscina> {
    this.pool ??= bundledWorker().then(
      (filename) =>
        new Piscina({
          filename,
          minThreads: 0,
          maxThreads: this.limits.threads,
          idleTimeout: IDLE_MS,
          concurrentTasksPerWorker: 1,
          resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        }),
    );
    return this.pool;
  }

  /**
   * `intake(input)` in a worker.
   * @throws the coded errors of intake(); ERR_INTAKE_TIMEOUT, ERR_INTAKE_TOO_MUCH_MEMORY past the budgets;
   *   ERR_INTAKE_BUSY when QUEUE_MAX documents are already waiting
   */
  async run(input: IntakeInput): Promise<IntakeResult> {
    if (this.inFlight >= this.limits.threads + QUEUE_MAX) throw new Errors.IntakeBusy(QUEUE_MAX);
    this.inFlight++;
    try {
      return await this.read(input);
    } finally {
      this.inFlight--;
    }
  }

  private async read(input: IntakeInput): Promise<IntakeResult> {
    const pool = await this.piscina();
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The budget starts when the worker takes the document, not while it waits in the queue.
    port1.once('message', () => (timer = setTimeout(() => abort.abort(), this.limits.timeoutMs)));
    let answer: WorkerAnswer;
    try {
      const task: WorkerTask = { input, started: port2 };
      answer = await pool.run(task, { signal: abort.signal, transferList: [port2] });
    } catch (err) {
      throw this.budgetError(err);
    } finally {
      clearTimeout(timer);
      port1.close();
    }
    if (!answer.ok) throw codedError(answer.code, answer.statusCode, answer.message);
    return answer.result;
  }

  private budgetError(err: unknown): unknown {
    const e = err as { name?: string; code?: string; message?: string };
    if (e.name === 'AbortError') return new Errors.IntakeTimeout(this.limits.timeoutMs / 1000, { cause: err });
    if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') return new Errors.IntakeTooMuchMemory(this.limits.memoryMb, { cause: err });
    return err;
  }

  /** Stop the threads (a document being read is abandoned). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).destroy();
  }
}
