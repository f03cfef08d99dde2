/**
 * Each run's per-segment statistics and bootstrap resamples, the expensive part of a report. buildReport computes
 * them when it needs them; an eval that is still waiting for answers can have them built ahead, item by item, with
 * {@link StatisticsAhead}, and buildReport then finds them done. The figures are the same either way.
 */
import { BLEU, CHRFPP } from '../runner/metrics.ts';
import { usableReference } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';
import type { CorpusMetric } from '../scorers/paired-bootstrap.ts';
import { ResampleSums, SegmentDraws } from '../scorers/resample-sums.ts';

/** Bootstrap resamples (sacreBLEU's default) and seed (SACREBLEU_SEED's default). */
export const SAMPLES = 1000;
export const SEED = 12345;

/** The metrics whose intervals and paired tests a report gives. */
const BOOTSTRAPPED: readonly CorpusMetric[] = [BLEU, CHRFPP];

/** Items the corpus metrics use: every item with a non-blank reference; a failed item counts as an empty answer. */
export function scoredItems(items: ItemResult[]): ItemResult[] {
  return items.filter((i) => i.reference);
}

/** A failed item's hypothesis is empty whatever text it carries (a rejected answer is kept in `error.rawAnswer`). */
const hypothesisOf = (i: ItemResult) => (i.error ? '' : i.hypothesis);

export function statsFor(metric: CorpusMetric, items: ItemResult[]): number[][] {
  return items.map((i) => metric.segmentStats(hypothesisOf(i), [i.reference!]));
}

const runStats = new WeakMap<ItemResult[], Map<string, number[][]>>();

/**
 * The statistics of a run's scored items, one array per run and metric: the bootstrap memoises its resamples on
 * that array, so the run's interval and its paired tests share them.
 */
export function statsOfRun(metric: CorpusMetric, items: ItemResult[]): number[][] {
  let stats = runStats.get(items)?.get(metric.name);
  if (!stats) rememberStatsOfRun(metric, items, (stats = statsFor(metric, scoredItems(items))));
  return stats;
}

function rememberStatsOfRun(metric: CorpusMetric, items: ItemResult[], stats: number[][]): void {
  let byMetric = runStats.get(items);
  if (!byMetric) runStats.set(items, (byMetric = new Map()));
  byMetric.set(metric.name, stats);
}

/**
 * The bootstrap of every run built while the grid runs: `steps()` makes the draws (in pieces, between calls), `add`
 * takes each item as it is scored, and `finish` hands each run's statistics and resamples to buildReport, which then
 * only sorts them. A run whose final items are not exactly the ones added is left to buildReport.
 */
export class StatisticsAhead {
  /** Dataset position -> index among the scored items (those with a reference), or -1. */
  private readonly segment: Int32Array;
  private readonly n: number;
  private draws: SegmentDraws | null = null;
  private readonly waiting: [run: number, position: number, item: ItemResult][] = [];
  private readonly sums: ResampleSums[][] = [];
  /** Per run and metric, the scored items' statistics by segment, as added (what statsOfRun would compute). */
  private readonly rows: number[][][][];
  private readonly added: ItemResult[][];
  /** Runs with an item whose reference does not match the dataset's (a kept item of another dataset): not built ahead. */
  private readonly mismatched = new Set<number>();

  constructor(
    dataset: readonly { en?: string }[],
    runs: number,
    private readonly samples = SAMPLES,
    private readonly seed = SEED,
  ) {
    let n = 0;
    this.segment = Int32Array.from(dataset, (item) => (usableReference(item.en) ? n++ : -1));
    this.n = n;
    this.added = Array.from({ length: runs }, () => new Array<ItemResult>(dataset.length));
    this.rows = Array.from({ length: runs }, () => BOOTSTRAPPED.map(() => new Array<number[]>(n)));
  }

  /** The draws and where each segment was drawn, about a millisecond a step; items added meanwhile wait for them. */
  *steps(): Generator<void, void> {
    if (this.n === 0) return;
    const draws = yield* SegmentDraws.build(this.n, this.samples, this.seed);
    this.draws = draws;
    for (const r of this.added.keys()) this.sums[r] = BOOTSTRAPPED.map((m) => new ResampleSums(draws, m));
    for (const [run, position, item] of this.waiting.splice(0)) this.sum(run, position, item);
  }

  /** A scored item of run `run` (the grid's order: prompt, model, repeat) at dataset position `position`. */
  add(run: number, position: number, item: ItemResult): void {
    this.added[run]![position] = item;
    if (this.segment[position]! < 0 !== !item.reference) this.mismatched.add(run);
    if (this.segment[position]! < 0 || !item.reference) return;
    if (this.draws) this.sum(run, position, item);
    else this.waiting.push([run, position, item]);
  }

  private sum(run: number, position: number, item: ItemResult): void {
    const segment = this.segment[position]!;
    BOOTSTRAPPED.forEach((m, k) => {
      const row = m.segmentStats(hypothesisOf(item), [item.reference!]);
      this.rows[run]![k]![segment] = row;
      this.sums[run]![k]!.add(segment, row);
    });
  }

  /**
   * Record the finished runs' statistics and resamples for buildReport (runs in the order of `add`); returns how many
   * runs were built ahead, the others are left to buildReport.
   */
  finish(runs: readonly { items: ItemResult[] }[]): number {
    if (!this.draws) return 0;
    let built = 0;
    runs.forEach(({ items }, r) => {
      const added = this.added[r];
      if (!added || this.mismatched.has(r) || items.length !== added.length || items.some((it, p) => added[p] !== it)) return;
      BOOTSTRAPPED.forEach((m, k) => {
        const stats = this.rows[r]![k]!;
        rememberStatsOfRun(m, items, stats);
        this.sums[r]![k]!.finish(stats);
      });
      built++;
    });
    return built;
  }
}
