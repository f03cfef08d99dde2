/**
 * chrF and chrF++ exactly as sacreBLEU 2.6 computes them (metrics/chrf.py). Characters are code points and no Unicode
 * normalisation is applied: normalise text on intake, never here, or scores stop matching sacreBLEU.
 */
import { codePoints, pyRemoveWhitespace, pySplit } from './python-text.ts';
import { referencesBySegment } from './references.ts';
import { sumStats } from './bleu.ts';

export interface ChrfOptions {
  /** Character n-gram order, default 6. */
  charOrder?: number;
  /** Word n-gram order, default 0; 2 gives chrF++. */
  wordOrder?: number;
  /** Recall weight, default 2. */
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (default false: it is removed). */
  whitespace?: boolean;
  /** chrF++.py-style epsilon smoothing instead of sacreBLEU's effective order (default false). */
  epsSmoothing?: boolean;
}

/** sacreBLEU's chrF++ settings: word bigrams on top of character 6-grams. */
export const CHRF_PP: ChrfOptions = { wordOrder: 2 };

export interface ChrfScore {
  /** e.g. `chrF2++` */
  name: string;
  score: number;
}

// string.punctuation, which chrF++ peels off the ends of words
const PUNCTS = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

function resolve(opts: ChrfOptions) {
  return {
    charOrder: opts.charOrder ?? 6,
    wordOrder: opts.wordOrder ?? 0,
    beta: opts.beta ?? 2,
    lowercase: opts.lowercase ?? false,
    whitespace: opts.whitespace ?? false,
    epsSmoothing: opts.epsSmoothing ?? false,
  };
}

type Counter = Map<string, number>;

function count(items: string[]): Counter {
  const c: Counter = new Map();
  for (const it of items) c.set(it, (c.get(it) ?? 0) + 1);
  return c;
}

function charNgrams(line: string, maxOrder: number, includeWhitespace: boolean): Counter[] {
  const chars = codePoints(includeWhitespace ? line : pyRemoveWhitespace(line));
  const out: Counter[] = Array.from({ length: maxOrder }, () => new Map());
  // grow each n-gram from the one before it: O(length x order) instead of re-joining every slice
  for (let i = 0; i < chars.length; i++) {
    let gram = '';
    for (let n = 1; n <= maxOrder && i + n <= chars.length; n++) {
      gram += chars[i + n - 1]!;
      const c = out[n - 1]!;
      c.set(gram, (c.get(gram) ?? 0) + 1);
    }
  }
  return out;
}

/** sacreBLEU's `_remove_punctuation`: one punctuation mark split off the end (else the start) of each word. */
export function chrfWords(sent: string): string[] {
  const words: string[] = [];
  for (const w of pySplit(sent)) {
    const cps = codePoints(w);
    if (cps.length === 1) {
      words.push(w);
    } else if (PUNCTS.has(cps[cps.length - 1]!)) {
      // NOTE: this splits '(hi)' into '(hi' and ')', as sacreBLEU does (its issue #124)
      words.push(cps.slice(0, -1).join(''), cps[cps.length - 1]!);
    } else if (PUNCTS.has(cps[0]!)) {
      words.push(cps[0]!, cps.slice(1).join(''));
    } else {
      words.push(w);
    }
  }
  return words;
}

function wordNgrams(words: string[], n: number): Counter {
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
  return count(grams);
}

function allNgrams(sent: string, o: ReturnType<typeof resolve>): Counter[] {
  const grams = charNgrams(sent, o.charOrder, o.whitespace);
  if (o.wordOrder > 0) {
    const words = chrfWords(sent);
    for (let n = 1; n <= o.wordOrder; n++) grams.push(wordNgrams(words, n));
  }
  return grams;
}

function matchStats(hyp: Counter, ref: Counter): [number, number, number] {
  let match = 0;
  let hypCount = 0;
  for (const [ng, c] of hyp) {
    hypCount += c;
    const r = ref.get(ng);
    if (r !== undefined) match += Math.min(c, r);
  }
  let refCount = 0;
  for (const c of ref.values()) refCount += c;
  // no hits are counted for an order the reference has no n-grams of
  return [ref.size > 0 ? hypCount : 0, refCount, match];
}

/** sacreBLEU's `_compute_f_score`: chrF in [0, 100] from `[hyp, ref, match]` triples per order. */
export function chrfFromStats(stats: number[], opts: ChrfOptions = {}): number {
  const o = resolve(opts);
  const order = o.charOrder + o.wordOrder;
  const eps = 1e-16;
  const factor = o.beta ** 2;
  let score = 0.0;
  let effectiveOrder = 0;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i] ?? 0;
    const nRef = stats[3 * i + 1] ?? 0;
    const nMatch = stats[3 * i + 2] ?? 0;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = 0.0;
    avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec === 0) return 0.0;
  let f = (1 + factor) * avgPrec * avgRec;
  f /= factor * avgPrec + avgRec;
  return 100 * f;
}

/**
 * Sufficient statistics of one segment: a `[hyp, ref, match]` triple per order, for the first reference with the
 * best F-score. An empty reference counts, as in sacreBLEU 2.6.
 * @throws Error when no reference is given.
 */
export function chrfSegmentStats(hypothesis: string, references: string[], opts: ChrfOptions = {}): number[] {
  const o = resolve(opts);
  const prep = (s: string) => (o.lowercase ? s.toLowerCase() : s);
  const refs = references;
  if (refs.length === 0) throw new Error('chrF needs at least one reference per segment');
  const hypGrams = allNgrams(prep(hypothesis), o);
  let best: number[] = [];
  let bestF = -1.0;
  for (const ref of refs) {
    const refGrams = allNgrams(prep(ref), o);
    const stats = hypGrams.flatMap((h, i) => matchStats(h, refGrams[i]!));
    const f = chrfFromStats(stats, o);
    if (f > bestF) {
      bestF = f;
      best = stats;
    }
  }
  return best;
}

function scoreName(opts: ChrfOptions): string {
  const o = resolve(opts);
  return `chrF${o.beta}${'+'.repeat(o.wordOrder)}`;
}

/**
 * Corpus chrF as `sacrebleu.metrics.CHRF(**opts).corpus_score(hypotheses, references)`.
 * @param references reference streams: `references[k][i]` is the k-th reference of segment i.
 * @example corpusChrf(hyps, [refs], CHRF_PP).score // chrF++
 */
export function corpusChrf(hypotheses: string[], references: string[][], opts: ChrfOptions = {}): ChrfScore {
  const o = resolve(opts);
  const perSegment = referencesBySegment(hypotheses, references);
  const stats = hypotheses.map((h, i) => chrfSegmentStats(h, perSegment[i]!, opts));
  return { name: scoreName(opts), score: chrfFromStats(sumStats(stats, 3 * (o.charOrder + o.wordOrder)), opts) };
}

/** Sentence chrF as `CHRF(**opts).sentence_score(hypothesis, references)`. */
export function sentenceChrf(hypothesis: string, references: string[], opts: ChrfOptions = {}): ChrfScore {
  return { name: scoreName(opts), score: chrfFromStats(chrfSegmentStats(hypothesis, references, opts), opts) };
}
