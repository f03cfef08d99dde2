/**
 * Per-item scores: sentence chrF++ and BLEU against the reference (sacreBLEU-exact), length ratios in code points,
 * QA issue counts by code, and cost when the model's price is known.
 */
import { sentenceBleuScore, sentenceChrfppScore } from './metrics.ts';
import type { ItemScores, QaCheck } from './types.ts';

const cpLength = (s: string) => Array.from(s).length;

/** Scores of one hypothesis; the reference-based ones only when there is a non-empty reference. */
export function scoreItem(source: string, hypothesis: string, reference: string | undefined): ItemScores {
  const scores: ItemScores = { sourceRatio: round(cpLength(hypothesis) / Math.max(1, cpLength(source))) };
  if (reference) {
    scores.chrfpp = sentenceChrfppScore(hypothesis, reference);
    scores.bleu = sentenceBleuScore(hypothesis, reference);
    scores.lengthRatio = round(cpLength(hypothesis) / Math.max(1, cpLength(reference)));
  }
  return scores;
}

/** Issue counts by code, e.g. `{ numbers: 2, untranslated: 1 }`. A QA check that throws counts as `qa_error`. */
export function qaCounts(qa: QaCheck | undefined, source: string, hypothesis: string): Record<string, number> {
  if (!qa) return {};
  const counts: Record<string, number> = {};
  try {
    for (const issue of qa(source, hypothesis)) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
  } catch {
    counts.qa_error = 1;
  }
  return counts;
}

/** USD per million tokens (input, output) for models whose price is public; others get no cost. */
const PRICES: Record<string, [number, number]> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
};

/** Cost of a call in USD, or undefined when the model's price is unknown (local models cost nothing we can count). */
export function costUsd(model: string, tokensIn: number, tokensOut: number): number | undefined {
  const p = PRICES[model];
  return p && (tokensIn * p[0] + tokensOut * p[1]) / 1e6;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
