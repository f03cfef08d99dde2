/**
 * Eval runs started from the Evaluations page. The server does not run the grid itself: evals depend on the backend,
 * not the other way round, so it starts the eval command (`evals/src/main.ts` through scripts/run-ts.mjs, as
 * `npm run eval` does) as a child process with `--save --progress-json`, and follows its JSON progress lines. The
 * result is saved exactly like `npm run eval -- --save`, in this server's database, and opens in the run view.
 * One run at a time; a run's state lives in memory until the server restarts (the saved result stays).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigSchema, type Config } from '../config.ts';
import { Errors } from '../errors.ts';
import { TranslationItemSchema } from '../schemas/eval-dataset.ts';
import { EVAL_RUN_STATUSES, type EvalRunEvent, type EvalRunOptions, type EvalRunRequest, type EvalRunState } from '../schemas/eval-runs.ts';
import type { OpenStore } from '../storage/index.ts';
import { DatasetError, parseJsonl } from './eval-dataset.ts';
import { listCorrections, toJsonl } from './eval-corrections.ts';
import { evalRunsFor, getEval } from './evals.ts';
import { eventQueue } from './event-queue.ts';
import { newId } from './ids.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const NTREX_DEV = path.join(ROOT, 'evals', 'datasets', 'ntrex128-vi-en-dev.jsonl');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.mjs');
const EVAL_MAIN = path.join(ROOT, 'evals', 'src', 'main.ts');

/** The node flags of `npm run eval` (the root package.json), so a run started here runs exactly as the command does. */
function evalNodeFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return (scripts.eval ?? '').split(/\s+/).filter((a) => a.startsWith('--'));
}
/** Finished runs kept in memory for late readers. */
const KEEP_FINISHED = 20;

export interface EvalRunnerOptions {
  config: Config;
  store: Pick<OpenStore, 'db' | 'location' | 'articles' | 'segments' | 'runs'>;
  /** Translation prompt refs the server knows, and the active one. */
  prompts(): { ref: string; active: boolean }[];
}

interface Live {
  state: EvalRunState;
  child?: ChildProcess;
  listeners: Set<(e: EvalRunEvent) => void>;
}

/** The environment the eval command reads its configuration from: this server's own configuration. */
function childEnv(config: Config): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = (config as unknown as Record<string, unknown>)[key];
    if (v === undefined) delete env[key];
    else env[key] = Array.isArray(v) ? v.join(',') : String(v);
  }
  env.DATA_DIR = config.dataDir;
  return env;
}

/** An uploaded file's name as a safe file name ending in .jsonl (the Evaluations list shows it). */
function datasetFileName(name: string): string {
  const base = path.basename(name).replace(/\.jsonl$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'dataset';
  return `${base}.jsonl`;
}

const isFinished = (s: EvalRunState['status']) => s !== EVAL_RUN_STATUSES[0];

export class EvalRunner {
  private runs = new Map<string, Live>();
  private ntrexItems: number | undefined;

  constructor(private readonly opts: EvalRunnerOptions) {}

  /** What the New run form offers. */
  async options(): Promise<EvalRunOptions> {
    this.ntrexItems ??= (await readFile(NTREX_DEV, 'utf8')).split('\n').filter((l) => l.trim()).length;
    return {
      prompts: this.opts.prompts(),
      models: [this.opts.config.WORKBENCH_MODEL],
      datasets: [
        { kind: 'corrections', items: (await listCorrections(this.opts.store)).length },
        { kind: 'ntrex-dev', items: this.ntrexItems },
      ],
      modelConfigured: this.opts.config.modelConfigured,
    };
  }

  /**
   * Check the request, write the dataset into the run's folder (DATA_DIR/eval-runs/<id>) and start the eval command.
   * @throws ERR_MODEL_NOT_CONFIGURED, ERR_EVAL_RUN_BUSY, ERR_EVAL_RUN_INVALID (prompt, model, empty corrections),
   *   ERR_EVAL_DATASET_INVALID (an uploaded line that is not a dataset item, named by its line number)
   */
  async start(req: EvalRunRequest): Promise<EvalRunState> {
    const { config } = this.opts;
    if (!config.modelConfigured) throw new Errors.ModelNotConfigured();
    const busy = [...this.runs.values()].find((r) => r.state.status === 'running');
    if (busy) throw new Errors.EvalRunBusy(busy.state.id);
    const known = this.opts.prompts();
    const prompts = req.prompts ?? [known.find((p) => p.active)?.ref ?? config.WORKBENCH_PROMPT_TRANSLATE];
    const models = req.models ?? [config.WORKBENCH_MODEL];
    for (const p of prompts) {
      if (!known.some((k) => k.ref === p)) throw new Errors.EvalRunInvalid(`Unknown translation prompt ${p}: choose from ${known.map((k) => k.ref).join(', ')}`);
    }
    for (const [name, list] of [['prompt', prompts], ['model', models]] as const) {
      const dup = list.find((x, i) => list.indexOf(x) !== i);
      if (dup) throw new Errors.EvalRunInvalid(`The ${name} ${dup} is chosen twice: choose each ${name} once`);
    }

    const id = newId('evalrun');
    const dir = path.join(config.dataDir, 'eval-runs', id);
    let datasetFile: string;
    if (req.dataset.kind === 'ntrex-dev') {
      datasetFile = NTREX_DEV;
    } else if (req.dataset.kind === 'corrections') {
      const items = await listCorrections(this.opts.store);
      if (!items.length) throw new Errors.EvalRunInvalid('There are no corrections yet: a correction is an approved segment whose editor changed the machine translation');
      datasetFile = path.join(dir, 'corrections.jsonl');
      await mkdir(dir, { recursive: true });
      await writeFile(datasetFile, toJsonl(items));
    } else {
      const name = datasetFileName(req.dataset.name);
      try {
        parseJsonl(req.dataset.jsonl, TranslationItemSchema, name);
      } catch (err) {
        if (err instanceof DatasetError) throw new Errors.EvalDatasetInvalid(`${err.message}. Each line is one JSON object {"id", "vi", "en"?, "doc"?, "title"?}`);
        throw err;
      }
      datasetFile = path.join(dir, name);
      await mkdir(dir, { recursive: true });
      await writeFile(datasetFile, req.dataset.jsonl);
    }

    const state: EvalRunState = {
      id,
      status: 'running',
      dataset: path.basename(datasetFile),
      prompts,
      models,
      limit: req.limit ?? null,
      progress: { done: 0, total: 0, failed: 0, cached: 0 },
      evalId: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    const live: Live = { state, listeners: new Set() };
    this.runs.set(id, live);
    this.prune();
    const args = [
      ...evalNodeFlags(), RUN_TS, EVAL_MAIN,
      // --name=value: a value is never read as an option of its own
      `--dataset=${datasetFile}`,
      ...prompts.map((p) => `--prompt=${p}`),
      ...models.map((m) => `--model=${m}`),
      ...(req.limit ? [`--limit=${req.limit}`] : []),
      `--out=${path.join(dir, 'report')}`,
      ...this.databaseArgs(),
      '--save', '--progress-json',
    ];
    this.follow(live, spawn(process.execPath, args, { cwd: ROOT, env: childEnv(config), stdio: ['ignore', 'pipe', 'pipe'] }));
    return state;
  }

  /** @throws ERR_EVAL_RUN_NOT_FOUND */
  get(id: string): EvalRunState {
    const live = this.runs.get(id);
    if (!live) throw new Errors.EvalRunNotFound(id);
    return live.state;
  }

  /** Newest first. */
  list(): EvalRunState[] {
    return [...this.runs.values()].map((r) => r.state).reverse();
  }

  /**
   * Stop a running run (nothing is saved); a finished run is returned as it is.
   * @throws ERR_EVAL_RUN_NOT_FOUND
   */
  cancel(id: string): EvalRunState {
    const live = this.runs.get(id);
    if (!live) throw new Errors.EvalRunNotFound(id);
    if (live.state.status === 'running') {
      this.finish(live, { status: 'cancelled' });
      live.child?.kill('SIGTERM');
    }
    return live.state;
  }

  subscribe(id: string, fn: (e: EvalRunEvent) => void): () => void {
    const live = this.runs.get(id);
    live?.listeners.add(fn);
    return () => live?.listeners.delete(fn);
  }

  /** Stop every running child (server shutdown). */
  close(): void {
    for (const live of this.runs.values()) if (live.state.status === 'running') this.cancel(live.state.id);
  }

  /**
   * Where the eval command saves: this server's database. A PostgreSQL URL reaches the child in DATABASE_URL (its
   * environment is this server's config), a SQLite file as --database (tests use another name than workbench.db).
   */
  private databaseArgs(): string[] {
    const where = this.opts.store.location;
    if (where.kind === 'postgres') return [];
    if (where.file === ':memory:') throw new Errors.EvalRunInvalid('Runs can be started only by a server whose database is a file');
    return [`--database=${path.resolve(where.file)}`];
  }

  private follow(live: Live, child: ChildProcess): void {
    live.child = child;
    let errorEvent: string | undefined;
    const stderrTail: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let e: { event?: string; [k: string]: unknown };
      try {
        e = JSON.parse(line) as typeof e;
      } catch {
        return;
      }
      if (live.state.status !== 'running') return;
      if (e.event === 'start') this.update(live, { progress: { ...live.state.progress, total: Number(e.total) } });
      else if (e.event === 'progress') this.update(live, { progress: { done: Number(e.done), total: Number(e.total), failed: Number(e.failed), cached: Number(e.cached) } });
      else if (e.event === 'saved') live.state.evalId = String(e.id);
      else if (e.event === 'error') errorEvent = String(e.message);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
    });
    child.on('error', (err) => {
      errorEvent ??= `The eval command could not start: ${err.message}`;
    });
    child.on('close', (code, signal) => {
      if (live.state.status !== 'running') return;
      if (live.state.evalId) {
        void this.firstItemError(live.state.evalId).then((error) => this.finish(live, { status: 'done', error }));
        return;
      }
      const why = errorEvent ?? stderrTail.filter((l) => l.trim()).slice(-3).join(' ');
      this.finish(live, { status: 'failed', error: why || `The eval command stopped (${signal ?? `exit code ${code}`}) without saving a run` });
    });
  }

  /** The first failed item's error of a saved run, so a run where the model failed says why. */
  private async firstItemError(evalId: string): Promise<string | null> {
    try {
      const { report } = await getEval(evalRunsFor(this.opts.store), evalId);
      const runs = (report.runs ?? []) as { label: string; items: { id: string; error?: { message?: string } }[] }[];
      for (const r of runs) for (const it of r.items) if (it.error) return `${r.label}, item ${it.id}: ${it.error.message ?? 'failed'}`;
    } catch {
      // the run list still has it; the message is a courtesy
    }
    return null;
  }

  private update(live: Live, patch: Partial<EvalRunState>): void {
    Object.assign(live.state, patch);
    for (const fn of live.listeners) fn({ type: 'progress', run: live.state });
  }

  private finish(live: Live, patch: Partial<EvalRunState>): void {
    Object.assign(live.state, patch, { finishedAt: new Date().toISOString() });
    for (const fn of live.listeners) fn({ type: 'done', run: live.state });
  }

  private prune(): void {
    const finished = [...this.runs.values()].filter((r) => isFinished(r.state.status));
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.runs.delete(r.state.id);
  }
}

/**
 * A run's events for one subscriber: its current state first, then live events, ending with `done`.
 * @throws ERR_EVAL_RUN_NOT_FOUND
 */
export async function* followEvalRun(runner: EvalRunner, id: string, signal: AbortSignal): AsyncGenerator<EvalRunEvent> {
  const current = runner.get(id);
  const queue = eventQueue<EvalRunEvent>(signal);
  // a copy of the state as it was, since the run's state object changes as it goes
  const unsubscribe = runner.subscribe(id, (e) => queue.push({ type: e.type, run: { ...e.run, progress: { ...e.run.progress } } }));
  try {
    yield { type: 'progress', run: current };
    if (isFinished(current.status)) {
      yield { type: 'done', run: current };
      return;
    }
    yield* queue.drain((e) => e.type === 'done');
  } finally {
    unsubscribe();
    queue.close();
  }
}
