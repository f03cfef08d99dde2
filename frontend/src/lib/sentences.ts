/** Sentence pieces of a text for hover highlighting across columns. */
import { segmentInPieces } from '../../../backend/src/text/sentences.ts';

export interface Piece {
  text: string;
  /** Sentence number, or -1 for text between sentences. */
  n: number;
}

/**
 * Cut `text` into pieces by the given UTF-16 spans (the source's `sentences`); text outside spans is kept with n = -1.
 * @example piecesFromSpans('A. B.', [{start: 0, end: 2}, {start: 3, end: 5}])
 */
export function piecesFromSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  spans.forEach((s, n) => {
    const start = Math.max(at, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    if (start > at) out.push({ text: text.slice(at, start), n: -1 });
    if (end > start) out.push({ text: text.slice(start, end), n });
    at = end;
  });
  if (at < text.length) out.push({ text: text.slice(at), n: -1 });
  return out;
}

const segmenterCache = new Map<string, Intl.Segmenter>();

/**
 * Sentence spans of a text with Intl.Segmenter (used for the English side, which has no stored spans). The segmenter
 * sees the text in pieces (`segmentInPieces`): all at once, a long pasted translation froze the page for seconds.
 */
export function sentenceSpans(text: string, locale = 'en'): Array<{ start: number; end: number }> {
  let seg = segmenterCache.get(locale);
  if (!seg) segmenterCache.set(locale, (seg = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  const spans: Array<{ start: number; end: number }> = [];
  for (const s of segmentInPieces(seg, text)) {
    const trimmed = s.segment.trimEnd();
    const last = spans.at(-1);
    if (trimmed && s.continued && last) last.end = s.index + trimmed.length;
    else if (trimmed) spans.push({ start: s.index, end: s.index + trimmed.length });
  }
  return spans;
}

/**
 * Pieces of a translation aligned with the source: when both have the same number of sentences they are taken
 * to correspond one to one; otherwise the alignment is unknown and the whole text is one unlinked piece.
 */
export function alignedPieces(text: string, sourceSentences: number): Piece[] {
  if (!text) return [];
  const spans = sentenceSpans(text);
  if (spans.length !== sourceSentences || spans.length < 2) return [{ text, n: spans.length === sourceSentences ? 0 : -1 }];
  return piecesFromSpans(text, spans);
}
