import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pieceCuts, SEGMENTER_PIECE_MAX, segmentInPieces, sentenceSpans } from './sentences.ts';

const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');
/** The whole real article as one paragraph, about 6,000 characters. */
const ONE_PARAGRAPH = SAMPLE.split(/\n\s*\n/u).map((p) => p.replace(/\s+/gu, ' ').trim()).filter((p) => /[.!?]$/u.test(p)).join(' ');
const VI = new Intl.Segmenter('vi', { granularity: 'sentence' });

/** What the segmenter says when it sees the whole text at once (quadratic, so only for texts of a few pages). */
function wholeText(text: string) {
  return [...VI.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.trimEnd().length }));
}

describe('segmentInPieces', () => {
  it('finds the same sentences in the real article as one paragraph as the segmenter does on the whole text', () => {
    expect(ONE_PARAGRAPH.length).toBeGreaterThan(2 * SEGMENTER_PIECE_MAX);
    const pieces = [...segmentInPieces(VI, ONE_PARAGRAPH)].map((s) => ({ start: s.index, end: s.index + s.segment.trimEnd().length }));
    expect(pieces).toEqual(wholeText(ONE_PARAGRAPH));
  });

  it('never hands the segmenter more than the piece size, and cuts at sentence ends when there are any', () => {
    const text = `${ONE_PARAGRAPH} `.repeat(20);
    const cuts = pieceCuts(text);
    const ends = [...cuts.map((c) => c.at), text.length];
    ends.forEach((at, i) => expect(at - (i === 0 ? 0 : ends[i - 1]!)).toBeLessThanOrEqual(SEGMENTER_PIECE_MAX));
    expect(cuts.every((c) => !c.hard && /[.!?]["”)]*\s$/u.test(text.slice(c.at - 3, c.at)))).toBe(true);
  });

  it('cuts an unpunctuated run at a space, never inside a surrogate pair, and marks the rest as the same sentence', () => {
    const words = 'hợp tác quốc tế 𝐀 '.repeat(2_000);
    const cuts = pieceCuts(words);
    expect(cuts.length).toBeGreaterThan(5);
    expect(cuts.every((c) => c.hard && words[c.at - 1] === ' ')).toBe(true);
    const glued = 'x'.repeat(SEGMENTER_PIECE_MAX - 1) + '𝐀' + 'y'.repeat(10);
    expect(pieceCuts(glued)[0]!.at).toBe(SEGMENTER_PIECE_MAX - 1);
    expect(sentenceSpans(words)).toEqual([{ start: 0, end: words.trimEnd().length }]);
  });
});

describe('sentenceSpans on long paragraphs', () => {
  it('gives offsets into the source: each span is a sentence of the real article', () => {
    const text = `${ONE_PARAGRAPH} `.repeat(3);
    const spans = sentenceSpans(text);
    const once = sentenceSpans(ONE_PARAGRAPH).map((s) => ONE_PARAGRAPH.slice(s.start, s.end));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([...once, ...once, ...once]);
    expect(once).toContain('Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.');
  });

  it('takes a 5 MB paragraph in linear time (all at once it would take the segmenter hours)', () => {
    const text = `${ONE_PARAGRAPH} `.repeat(Math.ceil(5_000_000 / ONE_PARAGRAPH.length));
    const spans = sentenceSpans(text);
    const perCopy = sentenceSpans(ONE_PARAGRAPH).length;
    expect(spans.length).toBe(perCopy * Math.ceil(5_000_000 / ONE_PARAGRAPH.length));
    expect(text.slice(spans.at(-1)!.start, spans.at(-1)!.end)).toBe(ONE_PARAGRAPH.slice(sentenceSpans(ONE_PARAGRAPH).at(-1)!.start));
  });
});
