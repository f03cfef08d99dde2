/**
 * Per-item scores: sentence chrF++ and BLEU against the reference (sacreBLEU-exact), length ratios in code points,
 * QA issue counts by code, and cost when the model's price is known.
 */
import { costUsd as productCost } from '../../../backend/src/llm/pricing.ts';
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

/** Cost of a call in USD from the product's price table, or undefined when the model's price is unknown. */
export function costUsd(model: string, tokensIn: number, tokensOut: number): number | undefined {
  return productCost(model, tokensIn, tokensOut) ?? undefined;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
