/**
 * BLEU exactly as sacreBLEU 2.6 computes it (metrics/bleu.py): sufficient statistics per segment, summed over the
 * corpus, then smoothed and combined. Keeping the per-segment statistics lets the paired bootstrap recompute corpus
 * BLEU on resamples without re-tokenising.
 */
import { pyRstrip, pySplit } from './python-text.ts';
import { getTokenizer, type TokenizerName } from './tokenizers.ts';
import { referencesBySegment } from './references.ts';

export type SmoothMethod = 'none' | 'floor' | 'add-k' | 'exp';

export interface BleuOptions {
  /** Default `13a`, sacreBLEU's default. */
  tokenize?: TokenizerName;
  lowercase?: boolean;
  /** Default `exp` (corpus) as in sacreBLEU. */
  smoothMethod?: SmoothMethod;
  /** `null`/undefined means the method's default (floor 0.1, add-k 1). */
  smoothValue?: number | null;
  /** Default 4. */
  maxNgramOrder?: number;
  /** Stop at the highest order with any hypothesis n-grams; sacreBLEU recommends it for sentence BLEU. */
  effectiveOrder?: boolean;
}

export interface BleuScore {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = { none: null, floor: 0.1, 'add-k': 1, exp: null };

// sacreBLEU's my_log: log(0) is a large negative number rather than -Infinity.
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

/**
 * sacreBLEU's `BLEU.compute_bleu`: the score from summed statistics.
 * @example computeBleu({ correct: [9, 7, 5, 3], total: [10, 8, 6, 4], sysLen: 11, refLen: 11 }).score // 83.759...
 */
export function computeBleu(args: {
  correct: number[];
  total: number[];
  sysLen: number;
  refLen: number;
  smoothMethod?: SmoothMethod;
  smoothValue?: number | null;
  effectiveOrder?: boolean;
  maxNgramOrder?: number;
}): BleuScore {
  const method = args.smoothMethod ?? 'none';
  if (!(method in SMOOTH_DEFAULTS)) throw new Error(`Unknown smooth method ${JSON.stringify(method)}`);
  const smoothValue = args.smoothValue ?? SMOOTH_DEFAULTS[method] ?? 0;
  const maxOrder = args.maxNgramOrder ?? 4;
  const correct = [...args.correct];
  const total = [...args.total];
  const { sysLen, refLen } = args;

  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;

  const precisions = new Array<number>(maxOrder).fill(0);
  const result = (score: number): BleuScore => ({ score, counts: correct, totals: total, precisions, bp, sysLen, refLen });

  // Early stop when nothing matches (sacreBLEU #141)
  if (!correct.some((c) => c !== 0)) return result(0.0);

  let smoothMteval = 1.0;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + smoothValue;
      total[n - 1] = (total[n - 1] ?? 0) + smoothValue;
    }
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (args.effectiveOrder) effOrder = n;
    if (c === 0) {
      if (method === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100.0 / (smoothMteval * t);
      } else if (method === 'floor') {
        precisions[n - 1] = (100.0 * smoothValue) / t;
      }
    } else {
      precisions[n - 1] = (100.0 * c) / t;
    }
  }

  let logSum = 0;
  for (const p of precisions.slice(0, effOrder)) logSum += myLog(p);
  return result(bp * Math.exp(logSum / effOrder));
}

function wordNgrams(tokens: string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      // tokens hold no whitespace, so a space-joined key is unique; the order is its token count
      const key = tokens.slice(i, i + n).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function closestRefLen(hypLen: number, refLens: number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = len;
    } else if (diff === closestDiff && len < closestLen) {
      closestLen = len;
    }
  }
  return closestLen;
}

/** The options with sacreBLEU's defaults filled in. */
function resolve(opts: BleuOptions) {
  return {
    tokenizer: getTokenizer(opts.tokenize ?? '13a'),
    lowercase: opts.lowercase ?? false,
    maxOrder: opts.maxNgramOrder ?? 4,
  };
}

/**
 * Sufficient statistics of one segment, `[hypLen, refLen, ...correct, ...total]` as in sacreBLEU.
 * An empty reference counts, as a reference of length 0 (sacreBLEU 2.6 drops only missing ones): with several
 * references it can be the closest length.
 * @throws Error when no reference is given.
 */
export function bleuSegmentStats(hypothesis: string, references: string[], opts: BleuOptions = {}): number[] {
  const { tokenizer, lowercase, maxOrder } = resolve(opts);
  const prep = (s: string) => tokenizer(pyRstrip(lowercase ? s.toLowerCase() : s));
  const refs = references;
  if (refs.length === 0) throw new Error('BLEU needs at least one reference per segment');

  let refNgrams: Map<string, number> | undefined;
  const refLens: number[] = [];
  for (const ref of refs) {
    const tokens = pySplit(prep(ref));
    refLens.push(tokens.length);
    const ngrams = wordNgrams(tokens, maxOrder);
    if (!refNgrams) refNgrams = ngrams;
    else for (const [k, v] of ngrams) refNgrams.set(k, Math.max(refNgrams.get(k) ?? 0, v));
  }

  const hypTokens = pySplit(prep(hypothesis));
  const refLen = closestRefLen(hypTokens.length, refLens);
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [ngram, count] of wordNgrams(hypTokens, maxOrder)) {
    const n = ngram.split(' ').length - 1;
    total[n] = (total[n] ?? 0) + count;
    const inRef = refNgrams?.get(ngram);
    if (inRef !== undefined) correct[n] = (correct[n] ?? 0) + Math.min(count, inRef);
  }
  return [hypTokens.length, refLen, ...correct, ...total];
}

/** The BLEU score of summed statistics (as from {@link bleuSegmentStats}). */
export function bleuFromStats(stats: number[], opts: BleuOptions = {}): BleuScore {
  const maxOrder = opts.maxNgramOrder ?? 4;
  return computeBleu({
    correct: stats.slice(2, 2 + maxOrder),
    total: stats.slice(2 + maxOrder),
    sysLen: stats[0] ?? 0,
    refLen: stats[1] ?? 0,
    smoothMethod: opts.smoothMethod ?? 'exp',
    smoothValue: opts.smoothValue,
    effectiveOrder: opts.effectiveOrder ?? false,
    maxNgramOrder: maxOrder,
  });
}

/** Element-wise sum of statistics vectors. */
export function sumStats(rows: number[][], width?: number): number[] {
  const out = new Array<number>(width ?? rows[0]?.length ?? 0).fill(0);
  for (const row of rows) for (let i = 0; i < out.length; i++) out[i]! += row[i] ?? 0;
  return out;
}

/**
 * Corpus BLEU as `sacrebleu.corpus_bleu(hypotheses, references)`.
 * @param references reference streams: `references[k][i]` is the k-th reference of segment i.
 * @example corpusBleu(['The dog bit the man.'], [['The dog bit the man.']]).score // 100
 */
export function corpusBleu(hypotheses: string[], references: string[][], opts: BleuOptions = {}): BleuScore {
  const perSegment = referencesBySegment(hypotheses, references);
  const stats = hypotheses.map((h, i) => bleuSegmentStats(h, perSegment[i]!, opts));
  return bleuFromStats(sumStats(stats, 2 + 2 * (opts.maxNgramOrder ?? 4)), opts);
}

/**
 * Sentence BLEU as `sacrebleu.sentence_bleu`: effective order on by default, `exp` smoothing.
 */
export function sentenceBleu(hypothesis: string, references: string[], opts: BleuOptions = {}): BleuScore {
  const o = { effectiveOrder: true, ...opts };
  return bleuFromStats(bleuSegmentStats(hypothesis, references, o), o);
}
