/**
 * `npm run eval -- --prompt brief@vN`: briefs of a brief dataset (`{id, title?, article, summary_ref?}`) through the
 * product's brief chain, scored, optionally judged (EVAL_JUDGE_MODEL), reported and cached like translations.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../backend/src/config.ts';
import { saveReport } from './cli-database.ts';
import { positiveInt, progressPrinter, type CliDeps } from './cli-support.ts';
import { loadBriefDataset } from './datasets/load.ts';
import type { BriefItem } from './datasets/schema.ts';
import { buildBriefReport, renderBriefReportHtml } from './report/brief-report.ts';
import { judgeBriefs, productJudgeCall, type JudgeComparison } from './runner/brief-judge.ts';
import { RunCache } from './runner/cache.ts';
import { createProductBriefWriter } from './runner/product-brief-writer.ts';
import { runBriefGrid, type BriefRun } from './runner/run-briefs.ts';

export interface BriefArgs {
  config: Config;
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
  runs: BriefRun[],
  dataset: BriefItem[],
  cache: RunCache,
): Promise<JudgeComparison[]> {
  const env = a.deps.env ?? process.env;
  const judgeModel = env.EVAL_JUDGE_MODEL;
  const firsts = runs.filter((r) => r.repeat === 0);
  if (!judgeModel || firsts.length < 2) return [];
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

/** Run the brief grid and write its reports. */
export async function runBriefs(a: BriefArgs): Promise<{ exitCode: number; outDir: string; savedId?: string }> {
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
  const savedId = a.save ? await saveReport(a.config, report) : undefined;
  if (savedId) a.stderr.write(`saved as ${savedId} (Evals page)\n`);
  return { exitCode: 0, outDir: a.outDir, savedId };
}

