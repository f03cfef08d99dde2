/**
 * npm run eval -- --dataset <file> --prompt translate@v1 --prompt translate@v2 [--model a --model b] [--limit N]
 *   [--concurrency K] [--repeat R] [--out <dir>] [--export-corrections <file>]
 *
 * Runs the grid through the product's own chain, writes <out>/report.json and <out>/report.html, and keeps a cache
 * in <out>/cache.jsonl so re-running an unchanged configuration makes no model call. Exit code 0 when the run
 * finished (failed items are in the report), 2 for bad arguments or configuration. `--export-corrections` writes
 * the approved, editor-changed segments of the workbench database (DATA_DIR) as a dataset, alone or before a run;
 * `--save` also stores the report in that database for the Evals page (GET /api/evals).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../backend/src/config.ts';
import { loadBriefDataset, loadTranslationDataset } from './datasets/load.ts';
import { buildReport, type Report } from './report/build-report.ts';
import { renderReportHtml } from './report/report-html.ts';
import { RunCache } from './runner/cache.ts';
import { createProductQa } from './runner/product-qa.ts';
import { runTranslationGrid, type Progress } from './runner/run-translation.ts';
import type { BriefWriter } from './runner/run-briefs.ts';
import type { QaCheck, Translator } from './runner/types.ts';

export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Replaces the product translator (tests). */
  translator?: Translator;
  /** Replaces the product brief chain (tests). */
  briefWriter?: BriefWriter;
  /** Replaces the judge model call (tests). */
  judgeCall?: import('./runner/brief-judge.ts').JudgeCall;
  /** Lets a bundled CLI import TypeScript at run time (the database migrations); a no-op under tsx or vitest. */
  enableTsImports?: () => Promise<void>;
  qa?: QaCheck;
}

export interface CliResult {
  exitCode: number;
  /** Id of the stored eval run with --save. */
  savedId?: string;
  report?: Report;
  outDir?: string;
}

const USAGE = `usage: npm run eval -- --dataset <file.jsonl> --prompt translate@v1 [--prompt translate@v2]
  [--model NAME ...] [--limit N] [--concurrency K] [--repeat R] [--out DIR] [--save] [--export-corrections FILE]`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

class UsageError extends Error {}

/**
 * Open the workbench database (DATA_DIR) for `fn`. The database stack loads only here; its migrations are TypeScript
 * files imported at run time, so a bundled CLI first enables TypeScript imports.
 */
async function withDatabase<T>(config: ReturnType<typeof loadConfig>, deps: CliDeps, fn: (d: import('../../backend/src/deps.ts').Deps) => Promise<T>): Promise<T> {
  await deps.enableTsImports?.();
  const { createDeps, closeDeps } = await import('../../backend/src/deps.ts');
  const d = await createDeps(config);
  try {
    return await fn(d);
  } finally {
    await closeDeps(d);
  }
}

/** Store a finished report for the Evals page; returns its id. */
async function saveReport(config: ReturnType<typeof loadConfig>, deps: CliDeps, report: unknown): Promise<string> {
  const [{ saveEvalReport }, { evalRunsRepository }] = await Promise.all([
    import('../../backend/src/services/evals.ts'),
    import('../../backend/src/storage/kysely/evals-repository.ts'),
  ]);
  return withDatabase(config, deps, (d) => saveEvalReport(evalRunsRepository(d.store.db), report));
}

/** Write the office's approved corrections as a dataset. */
async function exportCorrections(config: ReturnType<typeof loadConfig>, deps: CliDeps, file: string): Promise<number> {
  const { listCorrections, toJsonl } = await import('../../backend/src/services/eval-corrections.ts');
  return withDatabase(config, deps, async (d) => {
    const items = await listCorrections(d.store);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, toJsonl(items));
    return items.length;
  });
}

function progressPrinter(stderr: NonNullable<CliDeps['stderr']>): (p: Progress) => void {
  let lastPct = -1;
  return (p) => {
    const line = `eval ${p.done}/${p.total} (${p.cached} cached, ${p.failed} failed)`;
    if (stderr.isTTY) {
      stderr.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const pct = Math.floor((p.done / p.total) * 10);
    if (pct !== lastPct || p.done === p.total) {
      lastPct = pct;
      stderr.write(`${line}\n`);
    }
  };
}

interface BriefArgs {
  config: ReturnType<typeof loadConfig>;
  deps: CliDeps;
  stderr: NonNullable<CliDeps['stderr']>;
  prompts: string[];
  models: string[];
  limit: number;
  concurrency: number;
  repeat: number;
  datasetFile: string;
  outDir: string;
  save: boolean;
}

/** With EVAL_JUDGE_MODEL set: each configuration's first repeat judged against the first configuration's. */
async function judgeRuns(
  a: BriefArgs,
  runs: import('./runner/run-briefs.ts').BriefRun[],
  dataset: import('./datasets/schema.ts').BriefItem[],
  cache: RunCache,
): Promise<import('./runner/brief-judge.ts').JudgeComparison[]> {
  const env = a.deps.env ?? process.env;
  const judgeModel = env.EVAL_JUDGE_MODEL;
  const firsts = runs.filter((r) => r.repeat === 0);
  if (!judgeModel || firsts.length < 2) return [];
  const { judgeBriefs, productJudgeCall } = await import('./runner/brief-judge.ts');
  const call = a.deps.judgeCall ?? (await productJudgeCall(a.config, judgeModel));
  const repeats = positiveInt('EVAL_JUDGE_REPEATS', env.EVAL_JUDGE_REPEATS, 1);
  const articles = new Map(dataset.map((d) => [d.id, d.article]));
  const out = [];
  for (const system of firsts.slice(1)) {
    out.push(await judgeBriefs(firsts[0]!, system, { judgeModel, call, repeats, concurrency: a.concurrency, cache, articles }));
  }
  for (const j of out) a.stderr.write(`judge ${j.judgeModel}: ${j.baseline} ${j.wins.baseline} / ${j.system} ${j.wins.system} / tie ${j.wins.tie}\n`);
  return out;
}

/** `--prompt brief@vN`: briefs of a brief dataset (`{id, title?, article, summary_ref?}`) through the brief chain. */
async function runBriefs(a: BriefArgs): Promise<CliResult> {
  const [{ runBriefGrid }, { buildBriefReport, renderBriefReportHtml }, { createProductBriefWriter }] = await Promise.all([
    import('./runner/run-briefs.ts'),
    import('./report/brief-report.ts'),
    import('./runner/product-brief-writer.ts'),
  ]);
  const writer = a.deps.briefWriter ?? createProductBriefWriter({ config: a.config });
  const dataset = (await loadBriefDataset(a.datasetFile)).slice(0, a.limit);
  const cache = await RunCache.open(path.join(a.outDir, 'cache.jsonl'));
  a.stderr.write(`eval: ${dataset.length} articles x ${a.prompts.length} brief prompt(s) x ${a.models.length} model(s) x ${a.repeat} repeat(s)\n`);
  const runs = await runBriefGrid(dataset, { prompts: a.prompts, models: a.models, repeat: a.repeat, concurrency: a.concurrency, writer, cache, onProgress: progressPrinter(a.stderr) });
  const judge = await judgeRuns(a, runs, dataset, cache);
  const report = buildBriefReport(runs, { datasetFile: a.datasetFile, datasetItems: dataset.length, repeat: a.repeat }, judge);
  await mkdir(a.outDir, { recursive: true });
  await writeFile(path.join(a.outDir, 'report.json'), JSON.stringify(report, null, 1));
  await writeFile(path.join(a.outDir, 'report.html'), renderBriefReportHtml(report));
  for (const r of report.runs) {
    const m = r.metrics;
    a.stderr.write(`${r.label}: schema valid ${m.schemaValidRate ?? '-'}  figures in source ${m.figuresPreservedRate ?? '-'}  failed ${m.failed}\n`);
  }
  a.stderr.write(`wrote ${path.join(a.outDir, 'report.html')}\n`);
  const savedId = a.save ? await saveReport(a.config, a.deps, report) : undefined;
  if (savedId) a.stderr.write(`saved as ${savedId} (Evals page)\n`);
  return { exitCode: 0, outDir: a.outDir, savedId };
}

/** Run the command line; never calls process.exit, so tests can drive it in-process. */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<CliResult> {
  const stderr = deps.stderr ?? process.stderr;
  // performance.now() counts from process start, so the first mark is the start-up cost
  const marks: [string, number][] = [['start-up', performance.now()]];
  const mark = (name: string) => marks.push([name, performance.now()]);
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        dataset: { type: 'string' },
        prompt: { type: 'string', multiple: true },
        model: { type: 'string', multiple: true },
        limit: { type: 'string' },
        concurrency: { type: 'string' },
        repeat: { type: 'string' },
        out: { type: 'string' },
        'export-corrections': { type: 'string' },
        save: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      stderr.write(`${USAGE}\n`);
      return { exitCode: 0 };
    }
    const config = loadConfig(deps.env ?? process.env);
    const exportFile = values['export-corrections'];
    if (exportFile) {
      const n = await exportCorrections(config, deps, exportFile);
      stderr.write(`exported ${n} corrections to ${exportFile}\n`);
      if (!values.dataset) return { exitCode: 0 };
    }
    if (!values.dataset) throw new UsageError('--dataset is required');
    const prompts = values.prompt?.length ? values.prompt : [config.WORKBENCH_PROMPT_TRANSLATE];
    const briefs = prompts.filter((p) => p.startsWith('brief@')).length;
    if (briefs && briefs !== prompts.length) throw new UsageError('evaluate translation prompts and brief prompts in separate runs: they need different datasets');
    const models = values.model?.length ? values.model : [config.WORKBENCH_MODEL];
    const limit = positiveInt('limit', values.limit, Number.MAX_SAFE_INTEGER);
    const concurrency = positiveInt('concurrency', values.concurrency, config.WORKBENCH_CONCURRENCY);
    const repeat = positiveInt('repeat', values.repeat, 1);
    const datasetFile = values.dataset;
    const outDir = path.resolve(values.out ?? path.join('evals', 'reports', path.basename(datasetFile, '.jsonl')));

    if (!deps.translator && !config.modelConfigured) {
      throw new UsageError('No model is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as Ollama or vLLM), then run again');
    }
    if (briefs) return await runBriefs({ config, deps, stderr, prompts, models, limit, concurrency, repeat, datasetFile, outDir, save: Boolean(values.save) });
    const translator = deps.translator ?? (await import('./runner/product-translator.ts')).createProductTranslator({ config });
    // no cache yet: every item will call the model, so load the model stack while the dataset is read
    if (!existsSync(path.join(outDir, 'cache.jsonl'))) translator.prepare?.();
    const dataset = (await loadTranslationDataset(datasetFile)).slice(0, limit);
    const cache = await RunCache.open(path.join(outDir, 'cache.jsonl'));
    mark('load');
    stderr.write(`eval: ${dataset.length} items x ${prompts.length} prompt(s) x ${models.length} model(s) x ${repeat} repeat(s), ${concurrency} in flight, cache ${cache.size} entries\n`);

    const runs = await runTranslationGrid(dataset, {
      prompts,
      models,
      repeat,
      concurrency,
      translator,
      cache,
      qa: deps.qa ?? createProductQa(),
      onProgress: progressPrinter(stderr),
    });
    mark('grid');
    const report = buildReport(runs, { datasetFile, datasetItems: dataset.length, concurrency, repeat });
    mark('score');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'report.json'), JSON.stringify(report, null, 1));
    await writeFile(path.join(outDir, 'report.html'), renderReportHtml(report));
    for (const r of report.runs) {
      const m = r.metrics;
      stderr.write(`${r.label}: chrF++ ${m.chrfpp?.toFixed(2) ?? '-'}  BLEU ${m.bleu?.toFixed(2) ?? '-'}  failed ${m.failed}  cached ${m.cached}\n`);
    }
    if (report.winner) stderr.write(`winner: ${report.winner.label}${report.winner.significant ? ' (significant)' : ''}\n`);
    const savedId = values.save ? await saveReport(config, deps, report) : undefined;
    if (savedId) stderr.write(`saved as ${savedId} (Evals page)\n`);
    mark('write');
    const phases = marks.map(([name, t], i) => `${name} ${Math.round(t - (i ? marks[i - 1]![1] : 0))}`).join(', ');
    stderr.write(`wrote ${path.join(outDir, 'report.html')}\ntimings ms: ${phases}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
    return { exitCode: 0, report, outDir, savedId };
  } catch (err) {
    const e = err as Error & { code?: string };
    const known = err instanceof UsageError || e.name === 'DatasetError' || e.code?.startsWith?.('ERR_') || e.code?.startsWith?.('ERR_PARSE_ARGS');
    stderr.write(`eval: ${e.message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
    if (!known) throw err;
    return { exitCode: 2 };
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('evals/src/cli.ts')) {
  runCli(process.argv.slice(2)).then(
    (r) => {
      process.exitCode = r.exitCode;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
