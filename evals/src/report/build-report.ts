/**
 * report.json: per run the corpus metrics (sacreBLEU-exact BLEU, chrF, chrF++ with bootstrap intervals), QA,
 * tokens, latency and cost; per pair of configurations a paired bootstrap test; and the winner on chrF++.
 */
import { bleuFromStats, sumStats } from '../scorers/bleu.ts';
import { bootstrapInterval, pairedBootstrap, type CorpusMetric, type Interval } from '../scorers/paired-bootstrap.ts';
import { BLEU, CHRF, CHRFPP } from '../runner/metrics.ts';
import type { TranslationRun } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';

export interface RunMetrics {
  /** Items with a reference and an answer: what the corpus scores are computed over. */
  scored: number;
  failed: number;
  cached: number;
  bleu: number | null;
  chrf: number | null;
  chrfpp: number | null;
  bleuInterval: Interval | null;
  chrfppInterval: Interval | null;
  qa: Record<string, number>;
  tokensIn: number;
  tokensOut: number;
  latencyMsP50: number | null;
  latencyMsP95: number | null;
  costUsd: number | null;
  meanLengthRatio: number | null;
}

export interface ReportRun {
  /** `prompt · model` (with `#repeat` when repeated). */
  label: string;
  prompt: string;
  model: string;
  repeat: number;
  promptHash: string;
  params: Record<string, unknown>;
  metrics: RunMetrics;
  items: ItemResult[];
}

export interface Comparison {
  metric: 'bleu' | 'chrfpp';
  baseline: string;
  system: string;
  n: number;
  delta: number;
  deltaMean: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  significant: boolean;
}

export interface Report {
  createdAt: string;
  dataset: { file: string; items: number };
  settings: { concurrency: number; repeat: number; bootstrap: { samples: number; seed: number }; metrics: string };
  runs: ReportRun[];
  comparisons: Comparison[];
  /** Repeat-to-repeat spread of corpus chrF++ per configuration (when --repeat > 1). */
  repeats: { prompt: string; model: string; chrfpp: number[]; mean: number; sd: number }[];
  winner: { label: string; metric: 'chrfpp'; chrfpp: number; significant: boolean } | null;
}

const SAMPLES = 1000;
const SEED = 12345;
const ALPHA = 0.05;

/** Items the corpus metrics use: a non-empty reference and no error. */
export function scoredItems(items: ItemResult[]): ItemResult[] {
  return items.filter((i) => !i.error && i.reference);
}

function statsFor(metric: CorpusMetric, items: ItemResult[]): number[][] {
  return items.map((i) => metric.segmentStats(i.hypothesis, [i.reference!]));
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function runMetrics(items: ItemResult[]): RunMetrics {
  const ok = scoredItems(items);
  const bleuStats = statsFor(BLEU, ok);
  const ppStats = statsFor(CHRFPP, ok);
  const chrfStats = statsFor(CHRF, ok);
  const interval = (m: CorpusMetric, s: number[][]) => (s.length ? bootstrapInterval(s, m, { samples: SAMPLES, seed: SEED }) : null);
  const qa: Record<string, number> = {};
  for (const it of items) for (const [k, v] of Object.entries(it.qa)) qa[k] = (qa[k] ?? 0) + v;
  const answered = items.filter((i) => !i.error);
  // cached items keep the latency of the call that produced them: the configuration's latency, not this run's
  const lat = answered.map((i) => i.latencyMs).sort((a, b) => a - b);
  const costs = answered.map((i) => i.costUsd);
  const ratios = ok.map((i) => i.scores.lengthRatio!).filter((x) => x !== undefined);
  return {
    scored: ok.length,
    failed: items.length - answered.length,
    cached: items.filter((i) => i.cached).length,
    bleu: ok.length ? bleuFromStats(sumStats(bleuStats, BLEU.width)).score : null,
    chrf: ok.length ? CHRF.fromStats(sumStats(chrfStats, CHRF.width)) : null,
    chrfpp: ok.length ? CHRFPP.fromStats(sumStats(ppStats, CHRFPP.width)) : null,
    bleuInterval: interval(BLEU, bleuStats),
    chrfppInterval: interval(CHRFPP, ppStats),
    qa,
    tokensIn: answered.reduce((s, i) => s + i.tokensIn, 0),
    tokensOut: answered.reduce((s, i) => s + i.tokensOut, 0),
    latencyMsP50: quantile(lat, 0.5),
    latencyMsP95: quantile(lat, 0.95),
    costUsd: costs.some((c) => c === undefined) ? null : costs.reduce<number>((s, c) => s + (c ?? 0), 0),
    meanLengthRatio: ratios.length ? ratios.reduce((s, x) => s + x, 0) / ratios.length : null,
  };
}

function compare(a: ReportRun, b: ReportRun): Comparison[] {
  // pair on the items both runs answered
  const bById = new Map(scoredItems(b.items).map((i) => [i.id, i]));
  const pairs = scoredItems(a.items).filter((i) => bById.has(i.id)).map((i) => [i, bById.get(i.id)!] as const);
  if (pairs.length === 0) return [];
  return ([['bleu', BLEU], ['chrfpp', CHRFPP]] as const).map(([name, metric]) => {
    const r = pairedBootstrap(statsFor(metric, pairs.map((p) => p[0])), statsFor(metric, pairs.map((p) => p[1])), metric, { samples: SAMPLES, seed: SEED });
    return {
      metric: name,
      baseline: a.label,
      system: b.label,
      n: r.n,
      delta: r.delta,
      deltaMean: r.deltaInterval.mean,
      ciLow: r.deltaInterval.low,
      ciHigh: r.deltaInterval.high,
      pValue: r.pValue,
      significant: r.pValue < ALPHA,
    };
  });
}

/** Assemble the report from finished runs. Comparisons pair every two configurations on their first repeat. */
export function buildReport(runs: TranslationRun[], meta: { datasetFile: string; datasetItems: number; concurrency: number; repeat: number }): Report {
  const repeated = meta.repeat > 1;
  const reportRuns: ReportRun[] = runs.map((r) => ({
    label: `${r.prompt} · ${r.model}${repeated ? ` #${r.repeat + 1}` : ''}`,
    prompt: r.prompt,
    model: r.model,
    repeat: r.repeat,
    promptHash: r.fingerprint.promptHash,
    params: r.fingerprint.params,
    metrics: runMetrics(r.items),
    items: r.items,
  }));
  const firsts = reportRuns.filter((r) => r.repeat === 0);
  const comparisons: Comparison[] = [];
  for (let i = 0; i < firsts.length; i++) for (let j = i + 1; j < firsts.length; j++) comparisons.push(...compare(firsts[i]!, firsts[j]!));

  const repeats = firsts.map((f) => {
    const xs = reportRuns.filter((r) => r.prompt === f.prompt && r.model === f.model).map((r) => r.metrics.chrfpp ?? NaN);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
    return { prompt: f.prompt, model: f.model, chrfpp: xs, mean, sd };
  });

  let winner: Report['winner'] = null;
  const ranked = firsts.filter((r) => r.metrics.chrfpp !== null).sort((x, y) => y.metrics.chrfpp! - x.metrics.chrfpp!);
  if (ranked.length > 0) {
    const best = ranked[0]!;
    const vsOthers = comparisons.filter((c) => c.metric === 'chrfpp' && (c.baseline === best.label || c.system === best.label));
    winner = {
      label: best.label,
      metric: 'chrfpp',
      chrfpp: best.metrics.chrfpp!,
      significant: ranked.length > 1 && vsOthers.length === ranked.length - 1 && vsOthers.every((c) => c.significant),
    };
  }

  return {
    createdAt: new Date().toISOString(),
    dataset: { file: meta.datasetFile, items: meta.datasetItems },
    settings: {
      concurrency: meta.concurrency,
      repeat: meta.repeat,
      bootstrap: { samples: SAMPLES, seed: SEED },
      metrics: 'sacreBLEU 2.6 semantics: BLEU 13a exp; chrF2 (nc6); chrF2++ (nc6, nw2); no Unicode normalisation in scoring',
    },
    runs: reportRuns,
    comparisons,
    repeats,
    winner,
  };
}
