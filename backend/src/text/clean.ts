/**
 * Cut web-page boilerplate from an article's paragraphs and keep what was cut, with a reason an editor can read,
 * so it can be restored. Pure; imports only types.
 */
import type { Removed } from '../schemas/article.ts';
import type { Paragraph } from './paragraph.ts';

/**
 * How far a rule cuts: `line` removes the matching paragraph; `tail` removes it and everything after it (lists of
 * other news); `box` removes it and the short teaser titles right after it (a related-news box).
 */
type Scope = 'line' | 'tail' | 'box';
interface Rule {
  pattern: RegExp;
  reason: string;
  scope: Scope;
}

/** Separators between share/print buttons rendered as text. */
const SEP = String.raw`(?:\s*[|/·•,:-]\s*|\s+)`;
const BUTTON = String.raw`(?:chia sẻ|share|in bài|in trang|bản in|print|gửi email|gửi bài|e-?mail|facebook|twitter|zalo|tweet|lưu bài|lưu|like|thích|quay lại|về đầu trang|lên đầu trang|trở về|top)`;

/** Every rule matches a whole paragraph, so a sentence that merely mentions "bình luận" is never cut. */
export const RULES: readonly Rule[] = [
  { pattern: /^(?:các tin khác|tin khác|các tin cùng chuyên mục|tin cùng chuyên mục|tin mới hơn|tin cũ hơn|tin mới nhất|tin xem nhiều|có thể bạn quan tâm|bạn có thể quan tâm)\s*:?$/iu, reason: 'list of other news at the end of the page', scope: 'tail' },
  { pattern: /^(?:xem )?các tin đã đưa(?: ngày)?\s*:?.*$/iu, reason: 'archive navigation ("Xem các tin đã đưa ngày")', scope: 'tail' },
  { pattern: /^(?:tin liên quan|bài liên quan|tin bài liên quan|bài viết liên quan|đọc thêm)\s*:?$/iu, reason: 'related-news box', scope: 'box' },
  { pattern: /^tin trong:.*$/iu, reason: 'site navigation ("Tin trong: Chuyên mục này / Mọi chuyên mục")', scope: 'line' },
  { pattern: new RegExp(`^${BUTTON}(?:${SEP}${BUTTON})*\\s*[|/·•:]?$`, 'iu'), reason: 'share and print buttons', scope: 'line' },
  { pattern: /^(?:\d+\s+)?(?:bình luận|ý kiến bạn đọc|gửi bình luận|viết bình luận|gửi ý kiến)(?:\s*\(\d+\))?\s*:?$/iu, reason: 'comments box', scope: 'line' },
  { pattern: /^xem thêm\b.{0,200}$/iu, reason: '"Xem thêm" (see also) link', scope: 'line' },
  { pattern: /^(?:từ khóa|từ khoá|tags?)\s*:.*$/iu, reason: 'keyword and tag line', scope: 'line' },
];

/** A teaser title inside a related-news box: short and without a closing full stop. */
const TEASER = /^.{1,160}[^.!?…]$/u;
const MAX_BOX_TEASERS = 8;
/** A tail marker only ends the article once some article text stands before it. */
const MIN_BODY_BEFORE_TAIL = 200;

export interface CleanResult {
  paragraphs: Paragraph[];
  removed: Removed[];
}

/**
 * Remove boilerplate paragraphs. `position` in `removed` is the paragraph's `position`, or else its index in the
 * input, so a restore can put it back in order. Empty paragraphs are dropped without a record.
 * @example cleanParagraphs([{ text: 'Bài báo...' }, { text: 'Các tin khác' }, { text: 'Tin A' }]).removed.length // 2
 */
export function cleanParagraphs(input: readonly Paragraph[]): CleanResult {
  const paragraphs: Paragraph[] = [];
  const removed: Removed[] = [];
  let bodyChars = 0;
  for (let i = 0; i < input.length; i++) {
    const p = input[i]!;
    const text = p.text.trim();
    if (text === '') continue;
    const rule = RULES.find((r) => r.pattern.test(text));
    if (!rule) {
      paragraphs.push(p);
      bodyChars += text.length;
      continue;
    }
    removed.push({ text, reason: rule.reason, position: p.position ?? i });
    // A tail marker before any article text is page chrome above the article: cut only that line.
    const scope = rule.scope === 'tail' && bodyChars < MIN_BODY_BEFORE_TAIL ? 'line' : rule.scope;
    if (scope === 'tail') {
      for (let j = i + 1; j < input.length; j++) {
        const rest = input[j]!.text.trim();
        if (rest !== '') removed.push({ text: rest, reason: `${rule.reason} (after "${text}")`, position: input[j]!.position ?? j });
      }
      break;
    }
    if (scope === 'box') {
      let taken = 0;
      while (taken < MAX_BOX_TEASERS && i + 1 < input.length && TEASER.test(input[i + 1]!.text.trim())) {
        i++;
        taken++;
        removed.push({ text: input[i]!.text.trim(), reason: `${rule.reason} (after "${text}")`, position: input[i]!.position ?? i });
      }
    }
  }
  return { paragraphs, removed };
}
