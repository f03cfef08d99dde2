/**
 * Bootstrap resamples summed segment by segment, in any order, as each segment's statistics become known: an eval
 * can then do its bootstrap work while its model calls are in flight instead of after the last answer. Segment
 * statistics are integer counts, so these sums are exactly the ones paired-bootstrap.ts adds up in draw order, and
 * `finish` records the resulting scores where the interval and the paired tests look for them.
 */
import { drawIndicesSteps, rememberResamples, type CorpusMetric } from './paired-bootstrap.ts';

/** The draws turned around: for each segment, the resamples that drew it and how many times each did. */
export class SegmentDraws {
  private constructor(
    readonly n: number,
    readonly samples: number,
    /** The draws themselves, `samples` rows of n (the memoised array the bootstrap functions use). */
    readonly idx: Uint32Array,
    /** Segment i's entries are start[i] .. start[i + 1] - 1 of `sample` and `times`. */
    readonly start: Uint32Array,
    readonly sample: Uint32Array,
    readonly times: Uint32Array,
  ) {}

  /**
   * Draw (or reuse) sacreBLEU's indices for n segments and turn them around, in pieces of about a millisecond, one
   * per `next()`; the result is the generator's return value.
   */
  static *build(n: number, samples: number, seed: number): Generator<void, SegmentDraws> {
    const idx = yield* drawIndicesSteps(n, samples, seed);
    const rowsPerStep = Math.max(1, Math.floor(65536 / n));
    // first pass: how many resamples drew each segment (start[i + 1], summed into offsets below)
    const start = new Uint32Array(n + 1);
    const seenIn = new Int32Array(n).fill(-1);
    for (let s = 0; s < samples; s++) {
      for (let k = s * n, end = k + n; k < end; k++) {
        const i = idx[k]!;
        if (seenIn[i] !== s) {
          seenIn[i] = s;
          start[i + 1]!++;
        }
      }
      if (s % rowsPerStep === rowsPerStep - 1) yield;
    }
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    // second pass: which resamples, and how often in each
    const sample = new Uint32Array(start[n]!);
    const times = new Uint32Array(start[n]!);
    const next = start.slice(0, n);
    const entry = new Uint32Array(n);
    seenIn.fill(-1);
    for (let s = 0; s < samples; s++) {
      for (let k = s * n, end = k + n; k < end; k++) {
        const i = idx[k]!;
        if (seenIn[i] !== s) {
          seenIn[i] = s;
          entry[i] = next[i]!++;
          sample[entry[i]!] = s;
        }
        times[entry[i]!]!++;
      }
      if (s % rowsPerStep === rowsPerStep - 1) yield;
    }
    return new SegmentDraws(n, samples, idx, start, sample, times);
  }
}

/** One run's resampled statistics of one metric, built up segment by segment. */
export class ResampleSums {
  private readonly acc: Float64Array;
  private readonly added: Uint8Array;
  private count = 0;
  /** The segment being added, as a typed row (the inner loop then reads doubles only). */
  private readonly row: Float64Array;

  constructor(
    private readonly draws: SegmentDraws,
    private readonly metric: CorpusMetric,
  ) {
    this.acc = new Float64Array(draws.samples * metric.width);
    this.added = new Uint8Array(draws.n);
    this.row = new Float64Array(metric.width);
  }

  /** Add segment i's statistics (as `metric.segmentStats` gives them); each segment once. */
  add(i: number, stats: readonly number[]): void {
    if (this.added[i]) throw new Error(`Segment ${i} was already added`);
    this.added[i] = 1;
    this.count++;
    const w = this.metric.width;
    const row = this.row;
    for (let j = 0; j < w; j++) row[j] = stats[j] ?? 0;
    const { start, sample, times } = this.draws;
    const acc = this.acc;
    for (let e = start[i]!, end = start[i + 1]!; e < end; e++) {
      const base = sample[e]! * w;
      const t = times[e]!;
      for (let j = 0; j < w; j++) acc[base + j]! += t * row[j]!;
    }
  }

  /**
   * Once every segment is in: each resample's corpus score, recorded for `stats` (the same segments' statistics in
   * segment order), so that bootstrapInterval and pairedBootstrap on that array use them instead of summing again.
   */
  finish(stats: number[][]): number[] {
    const { n, samples, idx } = this.draws;
    if (this.count !== n || stats.length !== n) throw new Error(`Resample sums need all ${n} segments, have ${this.count} (statistics of ${stats.length})`);
    const w = this.metric.width;
    const scores: number[] = [];
    for (let s = 0; s < samples; s++) scores.push(this.metric.fromStats(Array.from(this.acc.subarray(s * w, (s + 1) * w))));
    rememberResamples(stats, this.metric, idx, samples, scores);
    return scores;
  }
}
