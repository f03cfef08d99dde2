/**
 * Every case of sacreBLEU's own test suite (fixtures/official_vectors.json, Apache-2.0, see fixtures/official/),
 * run with that case's settings. Each case is checked twice: against the test's expected value within its tolerance,
 * and against the value sacreBLEU 2.6.0 itself printed, to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeBleu, corpusBleu, sentenceBleu, type BleuOptions, type SmoothMethod } from './bleu.ts';
import { corpusChrf, sentenceChrf } from './chrf.ts';
import { bleuOptions, chrfOptions } from './fixtures/sacrebleu-kwargs.ts';

interface Vector {
  source: string;
  case: string;
  metric: string;
  kwargs: Record<string, unknown>;
  hypotheses: string[] | string | null;
  references: string[][] | string[] | null;
  expected: number | string | { common: number[]; total: number[] };
  tolerance: number;
  note?: string;
  sacrebleu_2_6_0_value: number | { common: number[]; total: number[] };
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL('./fixtures/official_vectors.json', import.meta.url), 'utf8'));


// sacrebleu.compat.raw_corpus_bleu: floor smoothing (0.1 unless given), no tokeniser, effective order
const RAW_BLEU: BleuOptions = { smoothMethod: 'floor', smoothValue: 0.1, tokenize: 'none', effectiveOrder: true };

/** Run one vector through the matching scorer. */
function run(v: Vector): number | { common: number[]; total: number[] } {
  const k = v.kwargs;
  const hyps = v.hypotheses;
  const refs = v.references;
  switch (v.metric) {
    case 'corpus_chrf':
      return corpusChrf(hyps as string[], refs as string[][], chrfOptions(k)).score;
    case 'sentence_chrf':
      return sentenceChrf(hyps as string, refs as string[], chrfOptions(k)).score;
    case 'corpus_bleu':
      return corpusBleu(hyps as string[], refs as string[][], bleuOptions(k)).score;
    case 'sentence_bleu':
      return sentenceBleu(hyps as string, refs as string[], bleuOptions(k)).score;
    case 'raw_corpus_bleu/100':
      return corpusBleu(hyps as string[], refs as string[][], bleuOptions(k, RAW_BLEU)).score / 100;
    case 'raw_corpus_bleu.counts/totals': {
      const s = corpusBleu(hyps as string[], refs as string[][], RAW_BLEU);
      return { common: s.counts, total: s.totals };
    }
    case 'BLEU.compute_bleu/100':
      return (
        computeBleu({
          correct: k.correct as number[],
          total: k.total as number[],
          sysLen: k.sys_len as number,
          refLen: k.ref_len as number,
          smoothMethod: (k.smooth_method as SmoothMethod | undefined) ?? 'none',
          smoothValue: k.smooth_value as number | undefined,
        }).score / 100
      );
    default:
      throw new Error(`No scorer for metric ${v.metric}`);
  }
}

const cases = vectors.map((v, i) => ({ ...v, name: `#${i} ${v.metric} ${v.case} ${JSON.stringify(v.kwargs)}` }));

describe('sacreBLEU official vectors', () => {
  it('holds all 75 cases and no TER case', () => {
    expect(vectors).toHaveLength(75);
    expect(vectors.filter((v) => /ter/i.test(v.metric))).toHaveLength(0);
  });

  it.each(cases)('$name', (v) => {
    const actual = run(v);
    if (typeof v.expected === 'object') {
      expect(actual).toEqual(v.expected);
      expect(actual).toEqual(v.sacrebleu_2_6_0_value);
      return;
    }
    const got = actual as number;
    if (typeof v.expected === 'string') {
      // the test compares f"{score:.2f}" strings
      expect(got.toFixed(2)).toBe(v.expected);
    }
    expect(Math.abs(got - Number(v.expected))).toBeLessThanOrEqual(v.tolerance + 1e-12);
    expect(Math.abs(got - (v.sacrebleu_2_6_0_value as number))).toBeLessThanOrEqual(1e-9);
  });

  // TER is not offered: the official vectors hold no TER case to verify a port against.
});
