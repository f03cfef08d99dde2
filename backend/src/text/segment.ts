/**
 * Turn an article's paragraphs into segments with a kind (title, lead, paragraph, heading, caption, byline) and
 * sentence spans. The kind rules are small, named signals so each decision can be explained and tested.
 * Pure; imports only types and text/ modules.
 */
import type { SegmentKind } from '../schemas/article.ts';
import type { Paragraph } from './paragraph.ts';
import { sentenceSpans, type SentenceSpan } from './sentences.ts';

export interface IntakeSegment {
  index: number;
  kind: SegmentKind;
  source: string;
  sentences: SentenceSpan[];
}

const AROUND = String.raw`(?<![\p{L}\p{M}])`;
const AFTER = String.raw`(?![\p{L}\p{M}])`;
const words = (list: string[]) => new RegExp(`${AROUND}(?:${list.join('|')})${AFTER}`, 'iu');

/** "(HBĐT) -", "(Chinhphu.vn) –", "HÀ NỘI -": the agency or place a news lead opens with. */
const DATELINE = /^(?:\([^()]{2,30}\)|\p{Lu}[\p{Lu} .]{1,25})\s*[-–—]\s/u;
/** Verbs and nouns of the scenes news photos show. */
const PHOTO_WORDS = words([
  'làm việc', 'phát biểu', 'thăm', 'trao tặng', 'trao quà', 'trao giải', 'trao quyết định', 'tặng quà', 'chụp ảnh',
  'tại buổi', 'hội đàm', 'hội kiến', 'tiếp đón',
  'kiểm tra', 'khảo sát', 'tham quan', 'đón', 'gặp gỡ', 'ký kết', 'chủ trì', 'quang cảnh', 'toàn cảnh', 'các đại biểu',
]);
const PHOTO_CREDIT = /(?:^|\(\s*)ảnh\s*:|ảnh minh h[oọ]ạ|\(ảnh[^)]*\)\s*$/iu;
/** Body paragraphs open with connectives; captions describe a scene and do not. */
const CONNECTIVE = new RegExp(`^(?:tuy nhiên|ngoài ra|bên cạnh đó|đồng thời|theo đó|do đó|vì vậy|trong đó|cụ thể|hiện nay|như vậy|qua đó|trước đó|sau đó)${AFTER}`, 'iu');
/** Narrative tense and time words: a caption shows the scene in the photo, a body sentence tells what happened. */
const NARRATIVE = words(['đã', 'sẽ', 'kể từ', 'từng']);
const BYLINE_PREFIX = new RegExp(`^(?:theo|nguồn|bài(?: và|,) ảnh|tin(?: và|,) ảnh|ảnh|pv|nhóm pv|nhóm phóng viên|phóng viên|tác giả)${AFTER}`, 'iu');
const LAST_INITIAL = /(?:^|\s)\p{Lu}\.$/u;
const CLOSING_PUNCTUATION = /[.!?;,]$/u;
/** Closing punctuation, looking through closing quotes and brackets ('... nữa.”'). */
const FINAL_STOP = /[.!?…:;,]["'”’»)\]]*$/u;
const NAME_WORD = /^(?:[\p{Lu}][\p{L}\p{M}.'-]*|\([^)]*\)|và|-|–)$/u;
const WORD_SPLIT = /\s+/u;

const CAPTION_MAX_CHARS = 220;
const CAPTION_MAX_WORDS = 40;
const BYLINE_MAX_CHARS = 60;
const BYLINE_MAX_WORDS = 8;
const HEADLINE_MAX_CHARS = 150;

const wordCount = (s: string) => s.split(WORD_SPLIT).length;

/**
 * Why paragraph `i` looks like a photo caption. It must be a short single sentence between two other paragraphs
 * that neither opens with a connective nor tells a story ("đã", "sẽ"); then it is a caption when at least two of
 * these hold: it follows an image
 * gap, it is under half as long as both neighbours, it uses photo-scene words, or it carries a photo credit
 * (which counts twice).
 * @example captionSignals(paragraphs, 1) // ['shorter than neighbours', 'photo-scene words']
 */
export function captionSignals(paragraphs: readonly Paragraph[], i: number): string[] {
  const p = paragraphs[i];
  const prev = paragraphs[i - 1];
  const next = paragraphs[i + 1];
  if (!p || !prev || !next) return [];
  const text = p.text;
  if (text.length > CAPTION_MAX_CHARS || wordCount(text) > CAPTION_MAX_WORDS) return [];
  if (sentenceSpans(text).length !== 1 || CONNECTIVE.test(text) || NARRATIVE.test(text)) return [];
  const signals: string[] = [];
  if (p.afterGap) signals.push('after an image gap');
  if (text.length * 2 <= prev.text.length && text.length * 2 <= next.text.length) signals.push('shorter than neighbours');
  if (PHOTO_WORDS.test(text)) signals.push('photo-scene words');
  if (PHOTO_CREDIT.test(text)) signals.push('photo credit', 'photo credit');
  return signals;
}

/** A short name-like last line ("Bình Giang", "Theo TTXVN", "Bài và ảnh: Minh Châu"), or null when it is not. */
export function bylineSignal(paragraphs: readonly Paragraph[], i: number): string | null {
  const text = paragraphs[i]?.text ?? '';
  if (i !== paragraphs.length - 1 || i === 0) return null;
  if (text.length > BYLINE_MAX_CHARS || wordCount(text) > BYLINE_MAX_WORDS) return null;
  if (CLOSING_PUNCTUATION.test(text) && !LAST_INITIAL.test(text)) return null;
  if (BYLINE_PREFIX.test(text)) return 'byline prefix';
  return text.split(WORD_SPLIT).every((w) => NAME_WORD.test(w)) ? 'name-like last line' : null;
}

/** A headline typed as the first line: short, no closing punctuation, followed by a longer paragraph. */
function isHeadline(paragraphs: readonly Paragraph[], i: number): boolean {
  const text = paragraphs[i]!.text;
  const next = paragraphs[i + 1];
  return !!next && text.length <= HEADLINE_MAX_CHARS && !FINAL_STOP.test(text) && next.text.length > text.length * 2;
}

/**
 * Decide each paragraph's kind. Stated kinds (HTML headings, figcaptions, Word heading styles) are kept; the first
 * other paragraph is the lead (unless it is a typed headline, which becomes a heading); a short name-like last
 * line is the byline; captions follow `captionSignals`; a short unpunctuated line before a longer paragraph is a
 * heading; everything else is a paragraph.
 */
export function classifyParagraphs(paragraphs: readonly Paragraph[]): SegmentKind[] {
  let leadFound = false;
  return paragraphs.map((p, i) => {
    if (p.kind) return p.kind;
    if (!leadFound) {
      if (!DATELINE.test(p.text) && isHeadline(paragraphs, i)) return 'heading';
      leadFound = true;
      return 'lead';
    }
    if (bylineSignal(paragraphs, i)) return 'byline';
    if (captionSignals(paragraphs, i).length >= 2) return 'caption';
    if (i < paragraphs.length - 1 && isHeadline(paragraphs, i)) return 'heading';
    return 'paragraph';
  });
}

/**
 * Build segments from cleaned paragraphs. A given title becomes segment 0 with kind `title`.
 * @example segmentParagraphs([{ text: '(HBĐT) - Ngày 6/1/2017, ...' }], 'Đối ngoại')[0].kind // 'title'
 */
export function segmentParagraphs(paragraphs: readonly Paragraph[], title?: string): IntakeSegment[] {
  const kinds = classifyParagraphs(paragraphs);
  const segments: IntakeSegment[] = [];
  if (title) segments.push({ index: 0, kind: 'title', source: title, sentences: sentenceSpans(title) });
  paragraphs.forEach((p, i) => {
    segments.push({ index: segments.length, kind: kinds[i]!, source: p.text, sentences: sentenceSpans(p.text) });
  });
  return segments;
}
