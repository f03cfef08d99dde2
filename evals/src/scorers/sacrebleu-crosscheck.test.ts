/**
 * sacreBLEU 2.6.0's own scores on NTREX lines and on text built to trip a port (NFD vs NFC Vietnamese, astral code
 * points, U+0085 and U+FEFF, 13a's number and entity rules, multiple references), produced by
 * fixtures/make-crosscheck.py. Statistics must match exactly and scores to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from './bleu.ts';
import { corpusChrf, sentenceChrf } from './chrf.ts';
import { bleuOptions, chrfOptions } from './fixtures/sacrebleu-kwargs.ts';

interface Case {
  corpus: string;
  metric: 'corpus_bleu' | 'corpus_chrf' | 'sentence_chrf' | 'sentence_bleu';
  kwargs: Record<string, unknown>;
  score?: number;
  scores?: number[];
  counts?: number[];
  totals?: number[];
  sys_len?: number;
  ref_len?: number;
}
interface File {
  corpora: Record<string, { hypotheses: string[]; references: string[][] }>;
  cases: Case[];
}

const data: File = JSON.parse(readFileSync(new URL('./fixtures/crosscheck_vectors.json', import.meta.url), 'utf8'));


const cases = data.cases.map((c) => ({ ...c, name: `${c.corpus} ${c.metric} ${JSON.stringify(c.kwargs)}` }));

describe('sacreBLEU 2.6.0 cross-check', () => {
  it.each(cases)('$name', (c) => {
    const { hypotheses: h, references: r } = data.corpora[c.corpus]!;
    const perSegment = h.map((_, i) => r.map((s) => s[i]!));
    switch (c.metric) {
      case 'corpus_bleu': {
        const s = corpusBleu(h, r, bleuOptions(c.kwargs));
        expect([s.sysLen, s.refLen, s.counts, s.totals]).toEqual([c.sys_len, c.ref_len, c.counts, c.totals]);
        expect(s.score).toBeCloseTo(c.score!, 9);
        break;
      }
      case 'corpus_chrf':
        expect(corpusChrf(h, r, chrfOptions(c.kwargs)).score).toBeCloseTo(c.score!, 9);
        break;
      case 'sentence_chrf': {
        const got = h.map((hyp, i) => sentenceChrf(hyp, perSegment[i]!, chrfOptions(c.kwargs)).score);
        got.forEach((g, i) => expect(g, `segment ${i}`).toBeCloseTo(c.scores![i]!, 9));
        break;
      }
      case 'sentence_bleu': {
        const got = h.map((hyp, i) => sentenceBleu(hyp, perSegment[i]!, bleuOptions(c.kwargs)).score);
        got.forEach((g, i) => expect(g, `segment ${i}`).toBeCloseTo(c.scores![i]!, 9));
        break;
      }
    }
  });
});
