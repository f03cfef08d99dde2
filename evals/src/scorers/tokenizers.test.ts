import { describe, expect, it } from 'vitest';
import { tokenize13a, tokenizeChar, tokenizeIntl } from './tokenizers.ts';
import { pyRstrip, pySplit } from './python-text.ts';
import { chrfWords } from './chrf.ts';

// expected outputs are sacreBLEU 2.6.0's (Tokenizer13a / TokenizerV14International / chrF _remove_punctuation)
describe('tokenize13a', () => {
  it.each([
    { name: 'splits %, keeps decimals and apostrophes', line: "It wasn't 3.5%.", out: "It wasn't 3.5 % ." },
    { name: 'keeps thousands separators', line: 'Hòa Bình hosted 1,250 guests.', out: 'Hòa Bình hosted 1,250 guests .' },
    { name: 'splits a dash after a digit', line: 'in 2019-2020', out: 'in 2019 - 2020' },
    { name: 'unescapes entities', line: 'Mai Châu &amp; Lạc Sơn &quot;x&quot;', out: 'Mai Châu & Lạc Sơn " x "' },
    { name: 'joins hyphenated line breaks', line: 'hợp tác quốc-\ntế\nmới', out: 'hợp tác quốctế mới' },
    { name: 'drops <skipped>', line: 'a <skipped> b', out: 'a b' },
  ])('$name', ({ line, out }) => expect(tokenize13a(line)).toBe(out));
});

describe('tokenizeIntl and tokenizeChar', () => {
  it('splits Unicode punctuation and symbols', () => {
    expect(tokenizeIntl('Giá tăng 5€ «rất» nhanh…')).toBe('Giá tăng 5 € « rất » nhanh …');
  });
  it('counts an astral character as one token', () => {
    expect(tokenizeChar('a𝄞b')).toBe('a 𝄞 b');
  });
});

describe('Python string semantics', () => {
  it.each([
    { name: 'NEL and file separators split', s: 'a\u0085b\x1cc', out: ['a', 'b', 'c'] },
    { name: 'BOM does not split', s: '\ufeffa b', out: ['\ufeffa', 'b'] },
    { name: 'ideographic and no-break spaces split', s: 'Hà\u3000Nội\u00a0xa', out: ['Hà', 'Nội', 'xa'] },
  ])('$name', ({ s, out }) => expect(pySplit(s)).toEqual(out));

  it('rstrip removes Python whitespace only', () => {
    expect(pyRstrip('xin chào\u0085 \ufeff')).toBe('xin chào\u0085 \ufeff');
    expect(pyRstrip('xin chào \u0085')).toBe('xin chào');
  });

  it('chrF++ peels one punctuation mark off each word end', () => {
    expect(chrfWords('(hi) "Hà Nội", ok')).toEqual(['(hi', ')', '"', 'Hà', 'Nội"', ',', 'ok']);
  });
});
