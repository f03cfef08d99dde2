/**
 * The corpus metrics a report uses, with per-segment statistics memoised: the same (hypothesis, reference) pair is
 * scored once whether it is needed for the sentence score, the corpus score, its interval or a paired comparison.
 */
import { bleuFromStats } from '../scorers/bleu.ts';
import { chrfFromStats, CHRF_PP } from '../scorers/chrf.ts';
import { bleuMetric, chrfMetric, type CorpusMetric } from '../scorers/paired-bootstrap.ts';

function memoised(metric: CorpusMetric): CorpusMetric {
  const memo = new Map<string, number[]>();
  return {
    ...metric,
    segmentStats(hypothesis, references) {
      const key = `${hypothesis}\u0000${references.join('\u0001')}`;
      let s = memo.get(key);
      if (!s) {
        s = metric.segmentStats(hypothesis, references);
        memo.set(key, s);
      }
      return s;
    },
  };
}

export const BLEU = memoised(bleuMetric());
export const CHRFPP = memoised(chrfMetric());
const chrfOnly = chrfMetric({}, 'chrf');
/**
 * chrF's statistics are the character part of chrF++'s (the same six character orders come first, and with one
 * reference there is no choice of best reference to differ): taken from the memoised chrF++ statistics, a report
 * does not count every segment's character n-grams a second time.
 */
export const CHRF = memoised({
  ...chrfOnly,
  segmentStats: (h, refs) => (refs.length === 1 ? CHRFPP.segmentStats(h, refs).slice(0, chrfOnly.width) : chrfOnly.segmentStats(h, refs)),
});

/** Sentence BLEU as sacrebleu.sentence_bleu (effective order, exp smoothing) from the memoised statistics. */
export function sentenceBleuScore(hypothesis: string, reference: string): number {
  return bleuFromStats(BLEU.segmentStats(hypothesis, [reference]), { effectiveOrder: true }).score;
}

/** Sentence chrF++ from the memoised statistics. */
export function sentenceChrfppScore(hypothesis: string, reference: string): number {
  return chrfFromStats(CHRFPP.segmentStats(hypothesis, [reference]), CHRF_PP);
}
