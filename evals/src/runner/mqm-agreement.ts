/**
 * How far the MQM judge agrees with the office's reviewers on the segments they annotated: the per-segment Pearson
 * correlation of penalties (per 1,000 source words) and precision/recall of "has a major error" with the reviewers
 * as the truth. Pure.
 */
import { countSourceWords, hasMajorError, mqmScorePer1000, type MqmError } from '../../../backend/src/qa/mqm.ts';

export interface AnnotatedJudgement {
  id: string;
  source: string;
  reviewer: MqmError[];
  judge: MqmError[];
}

export interface Agreement {
  /** Segments with reviewer annotations that the judge annotated too. */
  n: number;
  pearson: number | null;
  /** Of the segments the judge says have a major error, the share the reviewers agree on. */
  precision: number | null;
  /** Of the segments the reviewers say have a major error, the share the judge found. */
  recall: number | null;
  reviewerMajor: number;
  judgeMajor: number;
  bothMajor: number;
  /** `disagrees` when the correlation, precision or recall is under {@link AGREEMENT_FLOOR}. */
  verdict: 'agrees' | 'disagrees' | 'too few segments';
}

/** Below this a judge is reported as disagreeing with the reviewers. */
export const AGREEMENT_FLOOR = 0.5;
const MIN_SEGMENTS = 5;

/** Pearson's r; null when either side has no variance (it is undefined then). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Agreement figures over the annotated segments. */
export function agreement(rows: readonly AnnotatedJudgement[]): Agreement {
  const score = (errors: MqmError[], source: string) => mqmScorePer1000(errors, countSourceWords(source));
  const r = pearson(rows.map((x) => score(x.judge, x.source)), rows.map((x) => score(x.reviewer, x.source)));
  const reviewerMajor = rows.filter((x) => hasMajorError(x.reviewer)).length;
  const judgeMajor = rows.filter((x) => hasMajorError(x.judge)).length;
  const bothMajor = rows.filter((x) => hasMajorError(x.reviewer) && hasMajorError(x.judge)).length;
  const precision = judgeMajor ? bothMajor / judgeMajor : null;
  const recall = reviewerMajor ? bothMajor / reviewerMajor : null;
  const low = [r, precision, recall].some((v) => v !== null && v < AGREEMENT_FLOOR);
  const verdict = rows.length < MIN_SEGMENTS ? 'too few segments' : low ? 'disagrees' : 'agrees';
  return { n: rows.length, pearson: r, precision, recall, reviewerMajor, judgeMajor, bothMajor, verdict };
}
