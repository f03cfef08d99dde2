import { describe, expect, it } from 'vitest';
import { sentenceSpans } from './sentences.ts';

const EN = new Intl.Segmenter('en', { granularity: 'sentence' });
const PARAGRAPH =
  'On 6 January 2017, the Hoa Binh Provincial People\'s Committee received a delegation from Yamanashi Prefecture. ' +
  'The two sides discussed investment in agriculture and tourism. Trade grew by 57% in 2019! Was it enough? ';

describe('sentenceSpans (long translations)', () => {
  it('finds the sentences the segmenter finds on the whole text, as offsets into it', () => {
    const text = PARAGRAPH.repeat(60).trimEnd();
    expect(text.length).toBeGreaterThan(10_000);
    const whole = [...EN.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.trimEnd().length }));
    expect(sentenceSpans(text)).toEqual(whole);
  });

  it('keeps one unpunctuated run of 50,000 characters as one sentence', () => {
    const text = 'the delegation discussed investment '.repeat(1_400).trimEnd();
    expect(sentenceSpans(text)).toEqual([{ start: 0, end: text.length }]);
  });
});
