/**
 * The omission check: a translation much shorter or longer than its source, or with fewer sentences.
 * The length bounds come from 961 NTREX-128 vi/en pairs of 40+ characters: English/Vietnamese character ratio
 * median 0.92, 0.5th percentile 0.56, 99.5th 1.40. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import { segmentInPieces, sentenceSpans } from '../text/sentences.ts';
import { QA } from './codes.ts';

export const OMISSION_LIMITS = {
  /** Below this many source characters the ratio says little (titles, captions). */
  minSourceChars: 40,
  /** Under 0.5 is rarer than 1 in 200 among correct pairs; under 0.35 never happened. */
  shortWarning: 0.5,
  shortError: 0.35,
  longWarning: 1.6,
} as const;

const EN_SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });
const englishSentences = (text: string) =>
  [...segmentInPieces(EN_SENTENCES, text)].filter((s) => !s.continued && /\p{L}/u.test(s.segment)).length;

/**
 * Compare the lengths and sentence counts of a source and its translation.
 * @param options.expansion source characters to add for abbreviations that English spells out ("BTV Tỉnh ủy").
 * @example checkOmission('Một câu dài ... (200 ký tự)', 'Short.') // [{code: 'QA_OMISSION', severity: 'error', ...}]
 */
export function checkOmission(source: string, translation: string, options: { expansion?: number } = {}): QaIssue[] {
  const src = source.normalize('NFC').trim();
  const tgt = translation.normalize('NFC').trim();
  if (src.length < OMISSION_LIMITS.minSourceChars || tgt.length === 0) return [];
  const ratio = tgt.length / (src.length + (options.expansion ?? 0));
  const pct = Math.round(ratio * 100);
  const whole = { side: 'translation' as const, start: 0, end: translation.length };
  if (ratio < OMISSION_LIMITS.shortWarning) {
    return [{ code: QA.OMISSION, severity: ratio < OMISSION_LIMITS.shortError ? 'error' : 'warning', message: `The translation is ${pct}% of the source length (usually 70-115%): something may be left out`, params: { variant: 'short', pct }, span: whole }];
  }
  if (ratio > OMISSION_LIMITS.longWarning) {
    return [{ code: QA.OMISSION, severity: 'warning', message: `The translation is ${pct}% of the source length (usually 70-115%): something may be added`, params: { variant: 'long', pct }, span: whole }];
  }
  // One sentence in the source cannot lose a sentence; segmenting is the costly part of this check, so skip it.
  if (!/[.!?…]["”’)]*\s+\S/u.test(src)) return [];
  const srcSentences = sentenceSpans(src).length;
  const tgtSentences = englishSentences(tgt);
  if (tgtSentences < srcSentences) {
    // Joining two sentences is a legitimate style choice, so alone it is only a note; with a short text it is a warning.
    return [{ code: QA.OMISSION, severity: ratio < 0.75 ? 'warning' : 'info', message: `The source has ${srcSentences} sentences, the translation ${tgtSentences}`, params: { variant: 'sentences', source: srcSentences, translation: tgtSentences }, span: whole }];
  }
  return [];
}
