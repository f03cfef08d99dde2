/**
 * npm run eval -- --dataset <file> --prompt translate@v1 --prompt translate@v2 [--model a --model b] [--limit N]
 *   [--concurrency K] [--repeat R] [--out <dir>] [--export-corrections <file>]
 *
 * Runs the grid through the product's own chain, writes <out>/report.json and <out>/report.html. Answers are cached
 * in the workbench's model-run cache (DATA_DIR's database, the product's own cache key), so re-running an unchanged
 * configuration, into any --out folder, makes no model call (--no-cache: none; --cache-failures: rejected answers
 * too). Exit code 0 when the run
 * finished and passed its gate, 1 when it did not (failed items beyond --max-failures, a --min threshold missed,
 * a significant drop against --baseline beyond --max-drop; one line on stderr says why, --junit writes every
 * check), 2 for bad arguments or configuration. --retry-failed re-runs only the failed items of the report in --out. `--export-corrections` writes
 * the approved, editor-changed segments of the workbench database (DATA_DIR) as a dataset, alone or before a run;
 * `--save` also stores the report in that database for the Evals page (GET /api/evals). `--database FILE` names the
 * database file when it is not DATA_DIR/workbench.db. `--progress-json` writes the run's progress to stdout as JSON
 * lines (ProgressEvent), how the server follows a run started from the Evaluations page.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../backend/src/config.ts';
import { exportCorrections, openRunStore, saveReport } from './cli-database.ts';
import type { OpenStore } from '../../backend/src/storage/index.ts';
import { answeredIn, type ProgressEvent, blankReferenceWarnings, nonNegativeInt, positiveInt, progressPrinter, readReport, UsageError, verdictLine, type CliDeps } from './cli-support.ts';
import { gateChecks, gateLine, junitXml, parseMetricValues } from './gate.ts';
import { loadTranslationDataset } from './datasets/load.ts';
import { buildReport, type Report } from './report/build-report.ts';
import { renderReportHtml } from './report/report-html.ts';
import { createProductQa } from './runner/product-qa.ts';
import { runTranslationGrid } from './runner/run-translation.ts';
import { Background } from './runner/background.ts';
import { StatisticsAhead } from './report/run-statistics.ts';

export type { CliDeps } from './cli-support.ts';

export interface CliResult {
  exitCode: number;
  /** Id of the stored eval run with --save. */
  savedId?: string;
  report?: Report;
  outDir?: string;
}

const USAGE = `usage: npm run eval -- --dataset <file.jsonl> --prompt translate@v1 [--prompt translate@v2]
  [--model NAME ...] [--limit N] [--concurrency K] [--repeat R] [--out DIR] [--save] [--export-corrections FILE]
  [--max-failures N] [--min chrfpp=55 ...] [--baseline report.json [--max-drop chrfpp=1.0 ...]] [--junit FILE]
  [--retry-failed --out DIR] [--no-cache] [--cache-failures] [--judge [--judge-model NAME]]
  [--progress-json] [--database FILE]`;

/** Run the command line; never calls process.exit, so tests can drive it in-process. */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<CliResult> {
  const stderr = deps.stderr ?? process.stderr;
  // --progress-json: one JSON object a line on stdout (start, progress, saved, error) for a program that follows the run
  let events: ((e: ProgressEvent) => void) | undefined;
  // performance.now() counts from process start, so the first mark is the start-up cost
  const marks: [string, number][] = [['start-up', performance.now()]];
  const mark = (name: string) => marks.push([name, performance.now()]);
  let store: OpenStore | null = null;
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
        'max-failures': { type: 'string' },
        min: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        'max-drop': { type: 'string', multiple: true },
        junit: { type: 'string' },
        'retry-failed': { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'cache-failures': { type: 'boolean' },
        judge: { type: 'boolean' },
        'judge-model': { type: 'string' },
        'progress-json': { type: 'boolean' },
        database: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values['progress-json']) {
      const out = deps.stdout ?? process.stdout;
      events = (e) => out.write(`${JSON.stringify(e)}\n`);
    }
    if (values.help) {
      stderr.write(`${USAGE}\n`);
      return { exitCode: 0 };
    }
    const config = loadConfig(deps.env ?? process.env);
    const exportFile = values['export-corrections'];
    if (exportFile) {
      const n = await exportCorrections(config, exportFile, values.database);
      stderr.write(`exported ${n} corrections to ${exportFile}\n`);
      if (!values.dataset) return { exitCode: 0 };
    }
    const outDir = path.resolve(values.out ?? path.join('evals', 'reports', path.basename(values.dataset ?? '', '.jsonl')));
    // --retry-failed: the earlier report gives the grid and every answered item; only its failed items run again
    if (values['retry-failed'] && !values.out) throw new UsageError('--retry-failed needs --out, the folder of the earlier report');
    const previous = values['retry-failed'] ? await readReport(path.join(outDir, 'report.json'), '--retry-failed needs an earlier report: ') : undefined;
    const datasetArg = values.dataset ?? previous?.dataset.file;
    if (!datasetArg) throw new UsageError('--dataset is required');
    const firstRuns = previous?.runs.filter((r) => r.repeat === 0);
    const prompts = values.prompt?.length ? values.prompt : firstRuns ? [...new Set(firstRuns.map((r) => r.prompt))] : [config.WORKBENCH_PROMPT_TRANSLATE];
    const briefs = prompts.filter((p) => p.startsWith('brief@')).length;
    if (briefs && briefs !== prompts.length) throw new UsageError('evaluate translation prompts and brief prompts in separate runs: they need different datasets');
    const models = values.model?.length ? values.model : firstRuns ? [...new Set(firstRuns.map((r) => r.model))] : [config.WORKBENCH_MODEL];
    // the same configuration twice would be compared with itself and split the correction
    for (const [name, list] of [['prompt', prompts], ['model', models]] as const) {
      const dup = list.find((x, i) => list.indexOf(x) !== i);
      if (dup) throw new UsageError(`--${name} ${dup} is given twice: list each ${name} once (use --repeat to run one several times)`);
    }
    const limit = positiveInt('limit', values.limit, Number.MAX_SAFE_INTEGER);
    const concurrency = positiveInt('concurrency', values.concurrency, config.WORKBENCH_CONCURRENCY);
    const repeat = positiveInt('repeat', values.repeat, previous ? Math.max(...previous.runs.map((r) => r.repeat + 1)) : 1);
    const datasetFile = datasetArg;
    const maxFailures = nonNegativeInt('max-failures', values['max-failures'], 0);
    const gate = {
      maxFailures,
      min: parseMetricValues('--min', values.min),
      maxDrop: values.baseline && !values['max-drop']?.length ? { chrfpp: 0 } : parseMetricValues('--max-drop', values['max-drop']),
      baseline: values.baseline ? await readReport(values.baseline, '--baseline: ') : undefined,
    };
    if (values['max-drop']?.length && !values.baseline) throw new UsageError('--max-drop needs --baseline report.json to compare with');

    if (!deps.translator && !config.modelConfigured) {
      throw new UsageError('No model is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as Ollama or vLLM), then run again');
    }
    if (briefs) return await (await import('./cli-briefs.ts')).runBriefs({ config, deps, stderr, prompts, models, limit, concurrency, repeat, datasetFile, outDir, save: Boolean(values.save) });
    // one cache for the project: the workbench's model runs in DATA_DIR's database serve the eval, and the other way round
    store = deps.translator || values['no-cache'] ? null : await openRunStore(config, values.database);
    const translator =
      deps.translator ??
      (await import('./runner/product-translator.ts')).createProductTranslator({ config, runs: store?.runs ?? null, cacheFailures: Boolean(values['cache-failures']) });
    // load the prompts and the chain while the dataset is read
    translator.prepare?.();
    const dataset = (await loadTranslationDataset(datasetFile)).slice(0, limit);
    const warnings = blankReferenceWarnings(dataset);
    for (const w of warnings) stderr.write(`eval: warning: ${w}\n`);
    const judge = values.judge
      ? (deps.judge ?? (await import('./runner/mqm-judge.ts')).createProductJudge({ config, model: values['judge-model'], runs: store?.runs ?? null }))
      : undefined;
    mark('load');
    stderr.write(`eval: ${dataset.length} items x ${prompts.length} prompt(s) x ${models.length} model(s) x ${repeat} repeat(s), ${concurrency} in flight, ${store ? `cache ${values.database ?? path.join(config.dataDir, 'workbench.db')}` : 'no cache'}\n`);

    events?.({ event: 'start', items: dataset.length, total: dataset.length * prompts.length * models.length * repeat });
    const printProgress = progressPrinter(stderr);
    // the report's bootstrap is built while the calls are in flight, item by item, rather than after the last answer;
    // its draws start with the first answer, once the first calls are out
    const background = new Background();
    const ahead = new StatisticsAhead(dataset, prompts.length * models.length * repeat);
    let drawing = false;
    const runs = await runTranslationGrid(dataset, {
      background,
      onResult: (run, position, result) => {
        if (!drawing) background.addSteps(ahead.steps());
        drawing = true;
        ahead.add(run, position, result);
      },
      prompts,
      models,
      repeat,
      concurrency,
      translator,
      qa: deps.qa ?? createProductQa(),
      reuse: previous ? answeredIn(previous) : undefined,
      judge,
      onProgress: (p) => {
        printProgress(p);
        events?.({ event: 'progress', ...p });
      },
    });
    await background.drain();
    ahead.finish(runs);
    const agreementFigures = judge ? await (await import('./runner/mqm-judge.ts')).measureAgreement(dataset, judge, concurrency) : null;
    mark('grid');
    const judgeInfo = judge ? { prompt: judge.ref, promptHash: judge.promptHash, model: judge.model, agreement: agreementFigures } : undefined;
    const report = buildReport(runs, { datasetFile, datasetItems: dataset.length, concurrency, repeat, warnings, judge: judgeInfo });
    mark('score');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'report.json'), JSON.stringify(report, null, 1));
    await writeFile(path.join(outDir, 'report.html'), renderReportHtml(report));
    for (const r of report.runs) {
      const m = r.metrics;
      const mqm = m.mqm ? `  MQM ${m.mqm.per1000?.toFixed(1) ?? '-'}/1k words` : '';
      stderr.write(`${r.label}: chrF++ ${m.chrfpp?.toFixed(2) ?? '-'}  BLEU ${m.bleu?.toFixed(2) ?? '-'}${mqm}  failed ${m.failed}/${r.items.length} (scored as empty)  cached ${m.cached}\n`);
    }
    stderr.write(verdictLine(report) + '\n');
    const ag = report.judge?.agreement;
    if (ag) stderr.write(`judge vs reviewers on ${ag.n} annotated segments: ${ag.verdict}, r ${ag.pearson?.toFixed(3) ?? '-'}, major precision ${ag.precision?.toFixed(2) ?? '-'} recall ${ag.recall?.toFixed(2) ?? '-'}\n`);
    const savedId = values.save ? await saveReport(config, report, values.database) : undefined;
    if (savedId) stderr.write(`saved as ${savedId} (Evals page)\n`);
    if (savedId) events?.({ event: 'saved', id: savedId });
    const checks = gateChecks(report, gate);
    if (values.junit) {
      await mkdir(path.dirname(path.resolve(values.junit)), { recursive: true });
      await writeFile(values.junit, junitXml(checks));
    }
    const failedLine = gateLine(checks);
    mark('write');
    const phases = marks.map(([name, t], i) => `${name} ${Math.round(t - (i ? marks[i - 1]![1] : 0))}`).join(', ');
    stderr.write(`wrote ${path.join(outDir, 'report.html')}\ntimings ms: ${phases}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
    await store?.close();
    store = null;
    if (failedLine) stderr.write(`${failedLine}\n`);
    return { exitCode: failedLine ? 1 : 0, report, outDir, savedId };
  } catch (err) {
    await store?.close();
    store = null;
    const e = err as Error & { code?: string };
    const known = err instanceof UsageError || e.name === 'DatasetError' || e.code?.startsWith?.('ERR_') || e.code?.startsWith?.('ERR_PARSE_ARGS');
    stderr.write(`eval: ${e.message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
    events?.({ event: 'error', message: e.message });
    if (!known) throw err;
    return { exitCode: 2 };
  }
}
