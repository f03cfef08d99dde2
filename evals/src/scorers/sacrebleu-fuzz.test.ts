/**
 * sacreBLEU 2.6.0's own scores on 150 random small corpora of awkward text (fixtures/make-fuzz.py): every BLEU
 * tokeniser cased and lowercased, sentence BLEU, chrF and chrF++ in each mode, and sentence chrF++. To 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from './bleu.ts';
import { CHRF_PP, corpusChrf, sentenceChrf } from './chrf.ts';

interface FuzzCase {
  hyps: string[];
  refs: string[][];
  sbleu: number[];
  schrfpp: number[];
  chrf_eps: number;
  [key: string]: unknown;
}

const { cases }: { cases: FuzzCase[] } = JSON.parse(readFileSync(new URL('./fixtures/fuzz_vectors.json', import.meta.url), 'utf8'));
const py = (b: boolean) => (b ? 'True' : 'False');
const named = cases.map((c, i) => ({ ...c, name: `fuzz #${i} (${c.hyps.length} segments, ${c.refs.length} reference streams)` }));

describe('sacreBLEU 2.6.0 fuzz cross-check', () => {
  it('holds 150 corpora, some with empty references', () => {
    expect(cases).toHaveLength(150);
    expect(cases.some((c) => c.refs.some((r) => r.includes('')))).toBe(true);
  });

  it.each(named)('$name', (c) => {
    const perSegment = c.hyps.map((_, i) => c.refs.map((r) => r[i]!));
    const expected = c as unknown as Record<string, number>;
    for (const tok of ['13a', 'intl', 'char', 'none'] as const) {
      for (const lc of [false, true]) {
        expect(corpusBleu(c.hyps, c.refs, { tokenize: tok, lowercase: lc }).score, `bleu ${tok} lc=${lc}`).toBeCloseTo(expected[`bleu_${tok}_${py(lc)}`]!, 9);
      }
    }
    for (const wo of [0, 2]) {
      for (const lc of [false, true]) {
        for (const ws of [false, true]) {
          const got = corpusChrf(c.hyps, c.refs, { wordOrder: wo, lowercase: lc, whitespace: ws }).score;
          expect(got, `chrF nw=${wo} lc=${lc} ws=${ws}`).toBeCloseTo(expected[`chrf_${wo}_${py(lc)}_${py(ws)}`]!, 9);
        }
      }
    }
    expect(corpusChrf(c.hyps, c.refs, { wordOrder: 2, epsSmoothing: true }).score).toBeCloseTo(c.chrf_eps, 9);
    c.hyps.forEach((h, i) => {
      expect(sentenceBleu(h, perSegment[i]!).score, `sentence BLEU ${i}`).toBeCloseTo(c.sbleu[i]!, 9);
      expect(sentenceChrf(h, perSegment[i]!, CHRF_PP).score, `sentence chrF++ ${i}`).toBeCloseTo(c.schrfpp[i]!, 9);
    });
  });
});
