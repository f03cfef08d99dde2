/**
 * report.json: per run the corpus metrics (sacreBLEU-exact BLEU, chrF, chrF++ with bootstrap intervals), QA,
 * tokens, latency and cost; per pair of configurations a paired bootstrap test (Holm-corrected when there are more
 * than two); and a winner on chrF++ only when it is significant. Every configuration is scored on the same items:
 * a failed item is an empty translation, so failing on hard items cannot raise a score.
 */
import { bleuFromStats, sumStats } from '../scorers/bleu.ts';
import { bootstrapInterval, pairedBootstrap, type CorpusMetric, type Interval } from '../scorers/paired-bootstrap.ts';
import { BLEU, CHRF, CHRFPP } from '../runner/metrics.ts';
import { SAMPLES, SEED, scoredItems, statsFor, statsOfRun } from './run-statistics.ts';
import type { TranslationRun } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';
import type { Agreement } from '../runner/mqm-agreement.ts';
import { countSourceWords, mqmPenalty } from '../../../backend/src/qa/mqm.ts';

export interface RunMetrics {
  /** Items with a reference: what the corpus scores are computed over, failed items included as empty answers. */
  scored: number;
  /** Items without an answer (rejected or a transport error); each counts as an empty hypothesis in the scores. */
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
  /** MQM judge (with --judge): corpus penalty per 1,000 source words, failed items as full omissions. */
  mqm?: MqmMetrics | null;
}

export interface MqmMetrics {
  judged: number;
  /** Answers the judge could not annotate (left out of the penalty). */
  notJudged: number;
  per1000: number | null;
  /** Items with a major or critical error. */
  majorItems: number;
}

export interface JudgeInfo {
  prompt: string;
  promptHash: string;
  model: string;
  /** Agreement with the reviewers' annotations on the office's own machine translations (null: none annotated). */
  agreement: (Agreement & { notJudged: number }) | null;
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
  /** Items compared: every item with a reference, failed ones as empty answers on either side. */
  n: number;
  delta: number;
  deltaMean: number;
  /** 95% percentile interval of the resampled Δ. */
  ciLow: number;
  ciHigh: number;
  /** Two-sided p-value of "the two differ", from the same resampled Δ as the interval (p <= 0.05 iff it excludes 0). */
  pValue: number;
  /** Holm-adjusted p-value over the comparisons of this metric (equal to pValue with one comparison). */
  pHolm: number;
  /** pHolm <= alpha: the two configurations differ (two-sided), after correction for multiple comparisons. */
  significant: boolean;
}

export interface AnsweredByAll {
  /** Items with a reference that no first-repeat configuration failed on. */
  items: number;
  runs: { label: string; bleu: number | null; chrf: number | null; chrfpp: number | null }[];
}

export interface Report {
  createdAt: string;
  dataset: { file: string; items: number };
  settings: {
    concurrency: number;
    repeat: number;
    bootstrap: { samples: number; seed: number };
    metrics: string;
    /** How failures and significance are handled, in words, for the report's reader. */
    statistics: string;
  };
  /** The MQM judge and its agreement with the reviewers (with --judge). */
  judge?: JudgeInfo;
  /** Things a reader should know about the data, e.g. whitespace-only references ignored. */
  warnings: string[];
  runs: ReportRun[];
  comparisons: Comparison[];
  /** Scores on the items every configuration answered: a secondary view, never the headline. */
  answeredByAll: AnsweredByAll | null;
  /** Repeat-to-repeat spread of corpus chrF++ per configuration (when --repeat > 1). */
  repeats: { prompt: string; model: string; chrfpp: number[]; mean: number; sd: number }[];
  /** Highest headline chrF++ (with failures as empty answers), significant or not. */
  best: { label: string; chrfpp: number } | null;
  /** The best configuration only when it differs significantly (after Holm) from every other one; else null. */
  winner: { label: string; metric: 'chrfpp'; chrfpp: number; significant: true } | null;
}

const ALPHA = 0.05;

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function corpusScores(items: ItemResult[]) {
  if (!items.length) return { bleu: null, chrf: null, chrfpp: null };
  return {
    bleu: bleuFromStats(sumStats(statsFor(BLEU, items), BLEU.width)).score,
    chrf: CHRF.fromStats(sumStats(statsFor(CHRF, items), CHRF.width)),
    chrfpp: CHRFPP.fromStats(sumStats(statsFor(CHRFPP, items), CHRFPP.width)),
  };
}

function runMetrics(items: ItemResult[]): RunMetrics {
  const ok = scoredItems(items);
  const interval = (m: CorpusMetric) => (ok.length ? bootstrapInterval(statsOfRun(m, items), m, { samples: SAMPLES, seed: SEED }) : null);
  const qa: Record<string, number> = {};
  for (const it of items) for (const [k, v] of Object.entries(it.qa)) qa[k] = (qa[k] ?? 0) + v;
  const answered = items.filter((i) => !i.error);
  // cached items keep the latency of the call that produced them: the configuration's latency, not this run's
  const lat = answered.map((i) => i.latencyMs).sort((a, b) => a - b);
  const costs = answered.map((i) => i.costUsd);
  const ratios = ok.filter((i) => !i.error).map((i) => i.scores.lengthRatio!).filter((x) => x !== undefined);
  return {
    scored: ok.length,
    failed: items.length - answered.length,
    cached: items.filter((i) => i.cached).length,
    ...corpusScores(ok),
    bleuInterval: interval(BLEU),
    chrfppInterval: interval(CHRFPP),
    qa,
    tokensIn: answered.reduce((s, i) => s + i.tokensIn, 0),
    tokensOut: answered.reduce((s, i) => s + i.tokensOut, 0),
    latencyMsP50: quantile(lat, 0.5),
    latencyMsP95: quantile(lat, 0.95),
    costUsd: costs.some((c) => c === undefined) ? null : costs.reduce<number>((s, c) => s + (c ?? 0), 0),
    meanLengthRatio: ratios.length ? ratios.reduce((s, x) => s + x, 0) / ratios.length : null,
    ...(items.some((i) => i.judge) ? { mqm: mqmMetrics(items) } : {}),
  };
}

function mqmMetrics(items: ItemResult[]): MqmMetrics {
  let penalty = 0;
  let words = 0;
  let judged = 0;
  let majorItems = 0;
  for (const it of items) {
    const j = it.judge;
    if (!j || 'error' in j) continue;
    judged++;
    penalty += mqmPenalty(j.errors);
    words += countSourceWords(it.source);
    if (j.major) majorItems++;
  }
  return { judged, notJudged: items.filter((i) => i.judge && 'error' in i.judge).length, per1000: words ? (penalty * 1000) / words : null, majorItems };
}

/**
 * Paired test of two runs on the same items (all items with a reference, failures as empty answers), one per
 * metric. `pHolm` and `significant` are filled in by {@link holm} once every comparison is known.
 */
export function compareRuns(a: { label: string; items: ItemResult[] }, b: { label: string; items: ItemResult[] }): Comparison[] {
  const bById = new Map(b.items.map((i) => [i.id, i]));
  const pairs = scoredItems(a.items).filter((i) => bById.get(i.id)?.reference === i.reference).map((i) => [i, bById.get(i.id)!] as const);
  if (pairs.length === 0) return [];
  // the usual case, both runs over the same items in the same order: reuse each run's statistics and resamples
  const aligned = pairs.length === scoredItems(a.items).length && scoredItems(b.items).every((i, k) => pairs[k]?.[1] === i);
  const stats = (metric: CorpusMetric, side: 0 | 1) =>
    aligned ? statsOfRun(metric, side ? b.items : a.items) : statsFor(metric, pairs.map((p) => p[side]));
  return ([['bleu', BLEU], ['chrfpp', CHRFPP]] as const).map(([name, metric]) => {
    const r = pairedBootstrap(stats(metric, 0), stats(metric, 1), metric, { samples: SAMPLES, seed: SEED });
    return {
      metric: name,
      baseline: a.label,
      system: b.label,
      n: r.n,
      delta: r.delta,
      deltaMean: r.deltaInterval.mean,
      ciLow: r.deltaInterval.low,
      ciHigh: r.deltaInterval.high,
      pValue: r.deltaPValue,
      pHolm: r.deltaPValue,
      significant: r.deltaPValue <= ALPHA,
    };
  });
}

/**
 * Holm's step-down correction, per metric: sort the m p-values, multiply the k-th smallest by (m - k + 1), keep
 * them monotone, cap at 1. With one comparison per metric it changes nothing.
 */
export function holm(comparisons: Comparison[], alpha = ALPHA): Comparison[] {
  const out = comparisons.map((c) => ({ ...c }));
  for (const metric of new Set(out.map((c) => c.metric))) {
    const family = out.filter((c) => c.metric === metric).sort((x, y) => x.pValue - y.pValue);
    const m = family.length;
    let running = 0;
    family.forEach((c, k) => {
      running = Math.max(running, Math.min(1, (m - k) * c.pValue));
      c.pHolm = running;
      c.significant = running <= alpha;
    });
  }
  return out;
}

function answeredByAll(firsts: ReportRun[]): AnsweredByAll | null {
  if (firsts.length < 2) return null;
  const failedSomewhere = new Set(firsts.flatMap((r) => r.items.filter((i) => i.error).map((i) => i.id)));
  if (failedSomewhere.size === 0) return null;
  const runs = firsts.map((r) => ({ label: r.label, ...corpusScores(scoredItems(r.items).filter((i) => !failedSomewhere.has(i.id))) }));
  return { items: scoredItems(firsts[0]!.items).filter((i) => !failedSomewhere.has(i.id)).length, runs };
}

/** Assemble the report from finished runs. Comparisons pair every two configurations on their first repeat. */
export function buildReport(
  runs: TranslationRun[],
  meta: { datasetFile: string; datasetItems: number; concurrency: number; repeat: number; warnings?: string[]; judge?: JudgeInfo },
): Report {
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
  const raw: Comparison[] = [];
  for (let i = 0; i < firsts.length; i++) for (let j = i + 1; j < firsts.length; j++) raw.push(...compareRuns(firsts[i]!, firsts[j]!));
  const comparisons = holm(raw);

  const repeats = firsts.map((f) => {
    const xs = reportRuns.filter((r) => r.prompt === f.prompt && r.model === f.model).map((r) => r.metrics.chrfpp ?? NaN);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
    return { prompt: f.prompt, model: f.model, chrfpp: xs, mean, sd };
  });

  let best: Report['best'] = null;
  let winner: Report['winner'] = null;
  const ranked = firsts.filter((r) => r.metrics.chrfpp !== null).sort((x, y) => y.metrics.chrfpp! - x.metrics.chrfpp!);
  if (ranked.length > 0) {
    const top = ranked[0]!;
    best = { label: top.label, chrfpp: top.metrics.chrfpp! };
    const vsOthers = comparisons.filter((c) => c.metric === 'chrfpp' && (c.baseline === top.label || c.system === top.label));
    // a winner must differ significantly, after correction, from every other configuration, in its favour
    const wins = (c: Comparison) => c.significant && (c.system === top.label ? c.delta > 0 : c.delta < 0);
    if (ranked.length > 1 && vsOthers.length === ranked.length - 1 && vsOthers.every(wins)) {
      winner = { label: top.label, metric: 'chrfpp', chrfpp: top.metrics.chrfpp!, significant: true };
    }
  }
  const pairs = raw.length / 2;

  return {
    createdAt: new Date().toISOString(),
    dataset: { file: meta.datasetFile, items: meta.datasetItems },
    settings: {
      concurrency: meta.concurrency,
      repeat: meta.repeat,
      bootstrap: { samples: SAMPLES, seed: SEED },
      metrics: 'sacreBLEU 2.6 semantics: BLEU 13a exp; chrF2 (nc6); chrF2++ (nc6, nw2); hypotheses and references NFC-normalised before scoring',
      statistics:
        'Every configuration is scored on the same items: a failed item counts as an empty translation. ' +
        `Paired bootstrap (${SAMPLES} resamples, seed ${SEED}): the 95% interval of Δ and the two-sided p-value come from the same resampled differences, ` +
        `so p <= ${ALPHA} exactly when the interval excludes 0; "significant" means the two configurations differ.` +
        (pairs > 1 ? ` Holm correction over the ${pairs} comparisons of each metric.` : ''),
    },
    ...(meta.judge ? { judge: meta.judge } : {}),
    warnings: meta.warnings ?? [],
    runs: reportRuns,
    comparisons,
    answeredByAll: answeredByAll(firsts),
    repeats,
    best,
    winner,
  };
}
