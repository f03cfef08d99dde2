/**
 * Sentence spans inside a paragraph, for alignment highlighting. Pure; imports nothing.
 */

export interface SentenceSpan {
  start: number;
  end: number;
}

const SEGMENTER = new Intl.Segmenter('vi', { granularity: 'sentence' });

/**
 * Longest text handed to `Intl.Segmenter` at once. V8's sentence iterator costs about (sentences x text length), so
 * one 5 MB paragraph kept the server busy for minutes; pieces of this size keep the whole linear (about 35 ns a
 * character). Every paragraph of an ordinary article is shorter, so its sentences are exactly what ICU says.
 */
export const SEGMENTER_PIECE_MAX = 2_000;

/** Where ICU breaks a sentence (not after "…"): a full stop, closing quotes or brackets, spaces, then a capital (or opening mark). */
const SENTENCE_BOUNDARY = /[.!?]["'”’»)\]]*\s+(?=["“‘«(\[]?\p{Lu})/gu;
const SPACE = /\s/u;

/**
 * Offsets where `text` is cut into pieces of at most `max` UTF-16 units, in one pass: the last sentence boundary
 * within reach, else the last space (a hard cut: the sentence goes on in the next piece), else `max` itself (never
 * inside a surrogate pair). `hard` says which cuts fall inside a sentence.
 */
export function pieceCuts(text: string, max = SEGMENTER_PIECE_MAX): { at: number; hard: boolean }[] {
  if (text.length <= max) return [];
  const boundaries: number[] = [];
  for (const m of text.matchAll(SENTENCE_BOUNDARY)) boundaries.push(m.index + m[0].length);
  const cuts: { at: number; hard: boolean }[] = [];
  let from = 0;
  let b = 0;
  while (text.length - from > max) {
    const reach = from + max;
    while (b < boundaries.length && boundaries[b]! <= from) b++;
    let best = -1;
    while (b < boundaries.length && boundaries[b]! <= reach) best = boundaries[b++]!;
    if (best > from) {
      cuts.push({ at: best, hard: false });
      from = best;
      continue;
    }
    let at = reach;
    // Look back at most half a piece for a space, so the scan stays linear.
    for (let i = reach; i > from + max / 2; i--) {
      if (SPACE.test(text[i - 1]!)) {
        at = i;
        break;
      }
    }
    const code = text.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) at--;
    cuts.push({ at, hard: true });
    from = at;
  }
  return cuts;
}

/** One segment from `segmentInPieces`; `continued` marks the rest of a sentence that a hard cut split. */
export interface PieceSegment {
  segment: string;
  /** Offset in the whole text. */
  index: number;
  continued: boolean;
}

/**
 * `segmenter.segment(text)` in linear time: the text goes to the segmenter in pieces cut by `pieceCuts`, and each
 * segment's index is an offset into the whole text.
 * @example [...segmentInPieces(new Intl.Segmenter('en', { granularity: 'sentence' }), longText)].length
 */
export function* segmentInPieces(segmenter: Intl.Segmenter, text: string, max = SEGMENTER_PIECE_MAX): Generator<PieceSegment> {
  const cuts = [...pieceCuts(text, max), { at: text.length, hard: false }];
  let from = 0;
  let continued = false;
  for (const cut of cuts) {
    let first = true;
    for (const { segment, index } of segmenter.segment(text.slice(from, cut.at))) {
      yield { segment, index: from + index, continued: first && continued };
      first = false;
    }
    from = cut.at;
    continued = cut.hard;
  }
}

/**
 * Abbreviations and initials after which ICU would break but Vietnamese news goes on: "TP. Hòa Bình", "Q. Ba Đình",
 * "PGS.TS. Trần", "Nguyễn V. An", "T.Ư. ". ICU already keeps "T.Ư về" and "12-NQ/TU" together (lower case or no
 * full stop follows).
 */
const NO_BREAK_AFTER =
  /(?:^|[\s(.])(?:[A-ZĐÂĂÊÔƠƯ]|TP|Tp|TX|Tx|TT|GS|PGS|TS|ThS|Ths|BS|KS|CN|NXB|Th|St|Mr|Mrs|Ms|Dr|tr|tp)\.$/u;
/** Only the end of a sentence can hold an abbreviation worth testing; the regex would otherwise try every position. */
const ABBREVIATION_TAIL = 8;

/**
 * Split `text` into sentences with `Intl.Segmenter('vi')`, rejoining breaks after abbreviations and initials.
 * Spans are UTF-16 offsets into `text`, without trailing whitespace. Linear in the length of `text`.
 * @example sentenceSpans('TP. Hòa Bình đẹp. Tỉnh ta.') // [{ start: 0, end: 17 }, { start: 18, end: 26 }]
 */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let mergeNext = false;
  for (const { segment, index, continued } of segmentInPieces(SEGMENTER, text)) {
    // trimEnd, not /\s+$/: that regex retries every position of a long run of spaces.
    const trimmed = segment.trimEnd();
    if (trimmed.trim() === '') continue;
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + trimmed.length;
    const last = spans.at(-1);
    if ((mergeNext || continued) && last) last.end = end;
    else spans.push({ start, end });
    mergeNext = NO_BREAK_AFTER.test(trimmed.slice(-ABBREVIATION_TAIL));
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
