/**
 * Paired bootstrap resampling between two systems on the same segments, as sacreBLEU's `--paired-bs` test does
 * (significance.py `_paired_bs_test`): the same resampled segment indices for both systems, the corpus score
 * recomputed from summed per-segment sufficient statistics, sacreBLEU's 95% interval (the 1/40 tails of the sorted
 * resampled scores) and its p-value. The indices are numpy's `default_rng(seed).choice` (numpy-rng.ts), so with
 * sacreBLEU's seed 12345 the draws, and hence the p-values, are sacreBLEU's own (sacrebleu-paired.test.ts).
 */
import { bleuFromStats, bleuSegmentStats, sumStats, type BleuOptions } from './bleu.ts';
import { chrfFromStats, chrfSegmentStats, CHRF_PP, type ChrfOptions } from './chrf.ts';
import { numpyChoiceSteps } from './numpy-rng.ts';

/** A corpus metric decomposed into per-segment statistics that add up. */
export interface CorpusMetric {
  name: string;
  /** Length of a statistics vector. */
  width: number;
  segmentStats(hypothesis: string, references: string[]): number[];
  fromStats(stats: number[]): number;
}

/** Corpus BLEU (13a, exp smoothing by default) as a {@link CorpusMetric}. */
export function bleuMetric(opts: BleuOptions = {}): CorpusMetric {
  return {
    name: 'bleu',
    width: 2 + 2 * (opts.maxNgramOrder ?? 4),
    segmentStats: (h, r) => bleuSegmentStats(h, r, opts),
    fromStats: (s) => bleuFromStats(s, opts).score,
  };
}

/** Corpus chrF (chrF++ by default) as a {@link CorpusMetric}. */
export function chrfMetric(opts: ChrfOptions = CHRF_PP, name = opts.wordOrder ? 'chrfpp' : 'chrf'): CorpusMetric {
  return {
    name,
    width: 3 * ((opts.charOrder ?? 6) + (opts.wordOrder ?? 0)),
    segmentStats: (h, r) => chrfSegmentStats(h, r, opts),
    fromStats: (s) => chrfFromStats(s, opts),
  };
}

/**
 * A small, fast, seedable PRNG (mulberry32) returning floats in [0, 1).
 * @example const rand = mulberry32(12345); rand() // same value on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A score's bootstrap mean and sacreBLEU's 95% interval half-width (`ci`) with its bounds. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
  /** Half the interval width, what sacreBLEU prints after ±. */
  ci: number;
}

/** sacreBLEU's `estimate_ci`: sort, take the 1/40 tails. */
export function estimateInterval(values: number[]): Interval {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const lowerIdx = Math.floor(n / 40);
  const low = sorted[lowerIdx] ?? NaN;
  const high = sorted[n - lowerIdx - 1] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  return { mean, low, high, ci: 0.5 * (high - low) };
}

export interface PairedBootstrapOptions {
  /** Default 1000, as sacreBLEU. */
  samples?: number;
  /** Default 12345, sacreBLEU's SACREBLEU_SEED default. */
  seed?: number;
  /** Resampled segment indices (samples x n, row by row) to use instead of drawing them. */
  indices?: Uint32Array;
}

const drawn = new Map<string, Uint32Array>();

/**
 * `samples` x n segment indices, row by row, as sacreBLEU draws them; both systems of a paired test use the same
 * draws. Memoised: a report draws the same indices for every run and comparison of the same size.
 */
function drawIndices(n: number, samples: number, seed: number): Uint32Array {
  const steps = drawIndicesSteps(n, samples, seed);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The draws of {@link drawIndices} in pieces (about a millisecond each), for a caller that makes them while it waits
 * for other things; the memoised array is the generator's return value.
 */
export function* drawIndicesSteps(n: number, samples: number, seed: number): Generator<void, Uint32Array> {
  const key = `${seed}:${n}:${samples}`;
  let idx = drawn.get(key);
  if (!idx) {
    idx = yield* numpyChoiceSteps(seed, n, samples * n, 8192);
    if (drawn.size >= 16) drawn.clear();
    drawn.set(key, idx);
  }
  return idx;
}

const resampled = new WeakMap<number[][], Map<string, { idx: Uint32Array; scores: number[] }>>();
const resampleKey = (metric: CorpusMetric, samples: number) => `${metric.name}:${metric.width}:${samples}`;

/**
 * Corpus scores of every resample, summing flat per-segment statistics for the drawn indices. Memoised on the
 * statistics array itself: a report's interval of a run and its paired tests reuse the same resamples.
 */
function resampledScores(stats: number[][], metric: CorpusMetric, idx: Uint32Array, samples: number): number[] {
  const hit = resampled.get(stats)?.get(resampleKey(metric, samples));
  if (hit && hit.idx === idx) return hit.scores;
  const scores = computeResampledScores(stats, metric, idx, samples);
  rememberResamples(stats, metric, idx, samples, scores);
  return scores;
}

/**
 * Record the resampled scores of `stats` under the draws `idx`, computed elsewhere (ResampleSums, as the items come
 * in): the interval and paired tests of those statistics then use them instead of summing again.
 */
export function rememberResamples(stats: number[][], metric: CorpusMetric, idx: Uint32Array, samples: number, scores: number[]): void {
  let byMetric = resampled.get(stats);
  if (!byMetric) resampled.set(stats, (byMetric = new Map()));
  byMetric.set(resampleKey(metric, samples), { idx, scores });
}

function computeResampledScores(stats: number[][], metric: CorpusMetric, idx: Uint32Array, samples: number): number[] {
  const n = stats.length;
  const w = metric.width;
  const flat = new Float64Array(n * w);
  stats.forEach((row, i) => {
    for (let j = 0; j < w; j++) flat[i * w + j] = row[j] ?? 0;
  });
  const acc = new Float64Array(w);
  const scores: number[] = [];
  for (let s = 0; s < samples; s++) {
    acc.fill(0);
    for (let k = s * n, end = k + n; k < end; k++) {
      const base = idx[k]! * w;
      for (let j = 0; j < w; j++) acc[j]! += flat[base + j]!;
    }
    scores.push(metric.fromStats(Array.from(acc)));
  }
  return scores;
}

/**
 * Bootstrap interval of one system's corpus score (sacreBLEU's `--confidence`), same draws as a paired test with
 * the same seed.
 */
export function bootstrapInterval(stats: number[][], metric: CorpusMetric, opts: PairedBootstrapOptions = {}): Interval {
  if (stats.length === 0) throw new Error('Bootstrap needs at least one segment');
  const samples = opts.samples ?? 1000;
  return estimateInterval(resampledScores(stats, metric, drawIndices(stats.length, samples, opts.seed ?? 12345), samples));
}

export interface PairedBootstrapResult {
  metric: string;
  n: number;
  samples: number;
  seed: number;
  baseline: { score: number } & Interval;
  system: { score: number } & Interval;
  /** system - baseline on the full set. */
  delta: number;
  /** Bootstrap mean of system - baseline and its 95% interval. */
  deltaInterval: Interval;
  /**
   * sacreBLEU's p-value for "the difference is due to chance"; 1 when there is no difference at all. It comes from
   * centred absolute differences, not from the interval above, so the two can disagree: kept for sacreBLEU parity.
   */
  pValue: number;
  /**
   * Two-sided p-value of "system and baseline differ" from the same resampled differences as `deltaInterval`
   * ({@link deltaPValue}): `deltaPValue <= 0.05` exactly when that 95% interval excludes 0.
   */
  deltaPValue: number;
}

/**
 * Two-sided bootstrap p-value of a difference, by inverting the percentile interval of {@link estimateInterval}:
 * the smallest alpha whose interval (tails of floor(B * alpha / 2) resamples) excludes 0, that is
 * 2 * min(#{d <= 0}, #{d >= 0}) / B, at least 1 / B and at most 1. By construction `p <= alpha` exactly when the
 * (1 - alpha) interval drawn from the same resamples excludes 0, so an interval and a p-value never contradict.
 * @example deltaPValue([0.5, 1.2, -0.1, 0.8]) // 2 * 1 / 4 = 0.5
 */
export function deltaPValue(deltas: readonly number[]): number {
  const b = deltas.length;
  if (b === 0) throw new Error('No resampled differences');
  let le = 0;
  let ge = 0;
  for (const d of deltas) {
    if (d <= 0) le++;
    if (d >= 0) ge++;
  }
  return Math.min(1, Math.max(2 * Math.min(le, ge), 1) / b);
}

/** The percentile interval of resampled differences at level 1 - alpha, with the tails {@link deltaPValue} inverts. */
export function deltaIntervalAt(deltas: readonly number[], alpha: number): Interval {
  const sorted = [...deltas].sort((a, b) => a - b);
  const n = sorted.length;
  const k = Math.floor((n * alpha) / 2);
  const low = sorted[k] ?? NaN;
  const high = sorted[n - k - 1] ?? NaN;
  return { mean: sorted.reduce((s, x) => s + x, 0) / n, low, high, ci: 0.5 * (high - low) };
}

/**
 * Compare a system with a baseline on the same segments.
 * @param baselineStats per-segment statistics of the baseline (from `metric.segmentStats`)
 * @param systemStats per-segment statistics of the system, same segments in the same order
 */
export function pairedBootstrap(
  baselineStats: number[][],
  systemStats: number[][],
  metric: CorpusMetric,
  opts: PairedBootstrapOptions = {},
): PairedBootstrapResult {
  const n = baselineStats.length;
  if (n !== systemStats.length) throw new Error(`Paired test needs the same segments: ${n} vs ${systemStats.length}`);
  if (n === 0) throw new Error('Paired test needs at least one segment');
  const samples = opts.samples ?? 1000;
  const seed = opts.seed ?? 12345;
  const blScore = metric.fromStats(sumStats(baselineStats, metric.width));
  const sysScore = metric.fromStats(sumStats(systemStats, metric.width));
  const idx = opts.indices ?? drawIndices(n, samples, seed);
  if (idx.length !== samples * n) throw new Error(`Expected ${samples * n} resampled indices, got ${idx.length}`);
  const blScores = resampledScores(baselineStats, metric, idx, samples);
  const sysScores = resampledScores(systemStats, metric, idx, samples);

  // sacreBLEU: centre the absolute resampled differences, count how often they exceed the observed one (+1 smoothed)
  const observed = Math.abs(blScore - sysScore);
  const absDiffs = sysScores.map((y, k) => Math.abs(y - blScores[k]!));
  const meanAbs = absDiffs.reduce((a, x) => a + x, 0) / samples;
  const exceed = absDiffs.filter((d) => d - meanAbs > observed).length;
  // sacreBLEU would report 1/1001 for two identical systems; no difference is never significant
  const pValue = observed === 0 ? 1 : (exceed + 1) / (samples + 1);
  const deltas = sysScores.map((y, k) => y - blScores[k]!);

  return {
    metric: metric.name,
    n,
    samples,
    seed,
    baseline: { score: blScore, ...estimateInterval(blScores) },
    system: { score: sysScore, ...estimateInterval(sysScores) },
    delta: sysScore - blScore,
    deltaInterval: estimateInterval(deltas),
    pValue,
    deltaPValue: deltaPValue(deltas),
  };
}
