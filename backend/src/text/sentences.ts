/**
 * Sentence spans inside a paragraph, for alignment highlighting. Pure; imports nothing.
 */

export interface SentenceSpan {
  start: number;
  end: number;
}

const SEGMENTER = new Intl.Segmenter('vi', { granularity: 'sentence' });

/**
 * Abbreviations and initials after which ICU would break but Vietnamese news goes on: "TP. Hòa Bình", "Q. Ba Đình",
 * "PGS.TS. Trần", "Nguyễn V. An", "T.Ư. ". ICU already keeps "T.Ư về" and "12-NQ/TU" together (lower case or no
 * full stop follows).
 */
const NO_BREAK_AFTER =
  /(?:^|[\s(.])(?:[A-ZĐÂĂÊÔƠƯ]|TP|Tp|TX|Tx|TT|GS|PGS|TS|ThS|Ths|BS|KS|CN|NXB|Th|St|Mr|Mrs|Ms|Dr|tr|tp)\.$/u;
const TRAILING_SPACE = /\s+$/u;

/**
 * Split `text` into sentences with `Intl.Segmenter('vi')`, rejoining breaks after abbreviations and initials.
 * Spans are UTF-16 offsets into `text`, without trailing whitespace.
 * @example sentenceSpans('TP. Hòa Bình đẹp. Tỉnh ta.') // [{ start: 0, end: 17 }, { start: 18, end: 26 }]
 */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let mergeNext = false;
  for (const { segment, index } of SEGMENTER.segment(text)) {
    const trimmed = segment.replace(TRAILING_SPACE, '');
    if (trimmed.trim() === '') continue;
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + trimmed.length;
    const last = spans.at(-1);
    if (mergeNext && last) last.end = end;
    else spans.push({ start, end });
    mergeNext = NO_BREAK_AFTER.test(trimmed);
  }
  return spans;
}

/**
 * Sentence spans of a source and its translation paired one to one, when both have the same number of sentences
 * (two or more); [] otherwise, since a paragraph split differently in English cannot be paired safely.
 * @example pairedSentenceSpans('Một. Hai.', 'One. Two.') // [[{0,4},{0,4}], [{5,9},{5,9}]]
 */
export function pairedSentenceSpans(source: string, translation: string): [SentenceSpan, SentenceSpan][] {
  const vi = sentenceSpans(source);
  const en = sentenceSpans(translation);
  if (vi.length < 2 || vi.length !== en.length) return [];
  return vi.map((s, i) => [s, en[i]!]);
}
