/**
 * The Evals page's reading of a saved report.json (built by evals/src/report): typed loosely, because stored
 * reports come from older runs too, and turned into summary rows and per-item comparisons. Pure; no Lit.
 */

export interface Interval { mean: number; low: number; high: number; ci: number }

export interface ReportItem {
  id: string;
  source?: string;
  reference?: string;
  hypothesis?: string;
  scores?: { chrfpp?: number; bleu?: number };
  qa?: Record<string, number>;
  error?: { code?: string; message: string; rawAnswer?: string };
}

export interface ReportRunMetrics {
  scored?: number;
  failed?: number;
  cached?: number;
  bleu?: number | null;
  chrf?: number | null;
  chrfpp?: number | null;
  bleuInterval?: Interval | null;
  chrfppInterval?: Interval | null;
  qa?: Record<string, number>;
  tokensIn?: number;
  tokensOut?: number;
  latencyMsP50?: number | null;
  latencyMsP95?: number | null;
  costUsd?: number | null;
  /** MQM judge penalty per 1,000 source words (runs made with --judge). */
  mqm?: { per1000: number | null; majorItems: number; judged: number; notJudged: number } | null;
  [key: string]: unknown;
}

export interface ReportRun { label: string; prompt: string; model: string; repeat: number; metrics: ReportRunMetrics; items?: ReportItem[] }

export interface Comparison { metric: string; baseline: string; system: string; n: number; delta: number; deltaMean?: number; ciLow: number; ciHigh: number; pValue: number; pHolm?: number; significant: boolean }

export interface EvalReport {
  kind?: 'translation' | 'brief';
  createdAt?: string;
  dataset: { file: string; items: number };
  runs: ReportRun[];
  comparisons: Comparison[];
  winner?: { label: string; chrfpp?: number; significant?: boolean } | null;
  /** Highest chrF++, significant or not (reports from before it carry only `winner`). */
  best?: { label: string; chrfpp: number } | null;
  /** The MQM judge and its agreement with the reviewers' annotations (runs made with --judge). */
  judge?: { prompt: string; model: string; agreement: { n: number; pearson: number | null; precision: number | null; recall: number | null; verdict: 'agrees' | 'disagrees' | 'too few segments' } | null };
}

/**
 * The report's winner only when it is significant after correction: reports before that rule named the best
 * configuration "winner" with `significant: false`.
 */
export function significantWinner(rep: Pick<EvalReport, 'winner'>): { label: string; chrfpp?: number } | null {
  return rep.winner && rep.winner.significant !== false ? rep.winner : null;
}

export interface Candidate {
  label: string;
  text: string;
  chrfpp: number | null;
  qa: Record<string, number>;
  error: string | null;
  /** The model's last rejected answer, when the item failed on the answer checks. */
  raw?: string | null;
  /** The run has no answer for this item (it stopped early or used another dataset revision). */
  missing: boolean;
}

export interface ItemRow {
  id: string;
  /** Position in the dataset, the default order. */
  index: number;
  source: string;
  reference: string | null;
  candidates: Candidate[];
  /** Largest minus smallest sentence chrF++ among the candidates; 0 with fewer than two scores. */
  spread: number;
}

export type ItemSort = 'order' | 'spread' | 'id';

/**
 * One row per dataset item with every first-repeat run's answer, matched by item id (runs may hold items in a
 * different order, or miss some when a run stopped early).
 */
export function itemRows(report: EvalReport): ItemRow[] {
  const runs = report.runs.filter((r) => r.repeat === 0 && Array.isArray(r.items));
  const first = runs[0];
  if (!first) return [];
  const byRun = runs.map((r) => new Map((r.items ?? []).map((i) => [i.id, i])));
  return (first.items ?? []).map((it, index) => {
    const candidates = runs.map((r, k): Candidate => {
      const c = byRun[k]!.get(it.id);
      return {
        label: r.label,
        text: c?.hypothesis ?? '',
        chrfpp: typeof c?.scores?.chrfpp === 'number' ? c.scores.chrfpp : null,
        qa: c?.qa ?? {},
        error: c?.error?.message ?? null,
        ...(c?.error?.rawAnswer ? { raw: c.error.rawAnswer } : {}),
        missing: !c,
      };
    });
    const scores = candidates.map((c) => c.chrfpp).filter((x): x is number => x !== null);
    const spread = scores.length > 1 ? Math.max(...scores) - Math.min(...scores) : 0;
    return { id: it.id, index, source: it.source ?? '', reference: it.reference ?? null, candidates, spread };
  });
}

const byId = new Intl.Collator('en', { numeric: true });

/**
 * A sorted copy: dataset order, largest difference first (ties in dataset order), or by id with numbers in
 * numeric order (`ntrex-2` before `ntrex-10`).
 */
export function sortItems(rows: readonly ItemRow[], sort: ItemSort): ItemRow[] {
  const out = [...rows];
  if (sort === 'spread') out.sort((a, b) => b.spread - a.spread || a.index - b.index);
  else if (sort === 'id') out.sort((a, b) => byId.compare(a.id, b.id));
  else out.sort((a, b) => a.index - b.index);
  return out;
}

/** A score with two decimals, or an en dash when there is none. */
export function fmt(x: number | null | undefined, digits = 2): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** Total QA issues of a run or an item. */
export function qaTotal(qa: Record<string, number> | undefined): number {
  return Object.values(qa ?? {}).reduce((s, v) => s + v, 0);
}
