import { describe, expect, it } from 'vitest';
import { lowerKey, matchKey, normaliseLine, normaliseText, splitParagraphs, toneKey } from './normalise.ts';

describe('normaliseText', () => {
  it.each([
    { name: 'NFD becomes NFC', input: 'Vie\u0302\u0323t Nam', expected: 'Việt Nam' },
    { name: 'NBSP and thin spaces become one space', input: 'Hòa\u00a0\u2009Bình', expected: 'Hòa Bình' },
    { name: 'runs of spaces collapse inside a line', input: 'tỉnh   ta  .', expected: 'tỉnh ta .' },
    { name: 'CRLF and CR become LF', input: 'a\r\nb\rc', expected: 'a\nb\nc' },
    { name: 'zero-width characters and BOM are dropped', input: '\ufeffHòa\u200bBình\u200d', expected: 'HòaBình' },
    { name: 'lines are trimmed', input: '  Tỉnh ta  \n\t đã ', expected: 'Tỉnh ta\nđã' },
    { name: 'paragraph breaks become one blank line', input: 'A\n\n\n\nB\n \n\u00a0\nC', expected: 'A\n\nB\n\nC' },
    { name: 'a paragraph separator is a blank line', input: 'A\u2029B', expected: 'A\n\nB' },
    { name: 'ordinary text is unchanged', input: 'Hòa Bình, 2020.', expected: 'Hòa Bình, 2020.' },
  ])('$name', ({ input, expected }) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('keeps the tone placement as written', () => {
    expect(normaliseText('hoà thuỷ')).toBe('hoà thuỷ');
  });
});

describe('normaliseLine', () => {
  it('joins inner lines with a space', () => {
    expect(normaliseLine(' a\n\nb \u00a0c ')).toBe('a b c');
  });
});

describe('splitParagraphs', () => {
  it.each([
    { name: 'one paragraph per line', input: 'A\nB', expected: [{ text: 'A', afterGap: false }, { text: 'B', afterGap: false }] },
    { name: 'one blank line is no gap', input: 'A\n\nB', expected: [{ text: 'A', afterGap: false }, { text: 'B', afterGap: false }] },
    { name: 'two blank lines are a gap', input: 'A\n\n\nB', expected: [{ text: 'A', afterGap: false }, { text: 'B', afterGap: true }] },
    { name: 'an NBSP-only line is a gap', input: 'A\n\u00a0\nB', expected: [{ text: 'A', afterGap: false }, { text: 'B', afterGap: true }] },
    { name: 'a leading gap is no gap', input: '\u00a0\n\n\nA', expected: [{ text: 'A', afterGap: false }] },
    { name: 'empty text has no paragraphs', input: ' \n\u00a0\n', expected: [] },
  ])('$name', ({ input, expected }) => {
    expect(splitParagraphs(input)).toEqual(expected);
  });
});

describe('toneKey and matchKey', () => {
  it.each([
    { name: 'hoà / hòa', a: 'hoà', b: 'hòa' },
    { name: 'thuỷ / thủy', a: 'thuỷ', b: 'thủy' },
    { name: 'khoẻ / khỏe', a: 'khoẻ', b: 'khỏe' },
    { name: 'oé / óe', a: 'loé', b: 'lóe' },
    { name: 'whole names', a: 'Hoà Bình', b: 'Hòa Bình' },
    { name: 'NFD against NFC', a: 'ho\u0300a', b: 'hòa' },
  ])('$name share a tone key', ({ a, b }) => {
    expect(toneKey(a)).toBe(toneKey(b));
  });

  it.each([
    { name: 'different tone', a: 'hóa', b: 'hòa' },
    { name: 'tone against none', a: 'hoa', b: 'hòa' },
    { name: 'tones on different syllables', a: 'hòa binh', b: 'hoa bình' },
    { name: 'vowel mark differs', a: 'thư', b: 'thu' },
  ])('$name keeps keys apart', ({ a, b }) => {
    expect(toneKey(a)).not.toBe(toneKey(b));
  });

  it('toneKey keeps case, matchKey folds it and the spaces', () => {
    expect(toneKey('Hoà')).toBe(toneKey('Hòa'));
    expect(toneKey('Hoà')).not.toBe(toneKey('hòa'));
    expect(matchKey(' Hoà\u00a0 BÌNH ')).toBe(matchKey('hòa bình'));
    expect(matchKey('ĐỐI NGOẠI')).toBe(matchKey('đối ngoại'));
  });

  it('lowerKey lower-cases Vietnamese capitals', () => {
    expect(lowerKey('ĐOÀN CÔNG TÁC')).toBe('đoàn công tác');
  });
});
