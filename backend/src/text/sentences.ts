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
