import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, fromTcvn3, fromVni } from './legacy-encoding.ts';
import { isVietnameseSyllable } from './vietnamese-syllable.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
const sample = fixture('hoabinh-doi-ngoai-2020.txt');

describe('fromTcvn3', () => {
  it.each([
    { name: 'state name', input: 'Céng hßa x· héi chñ nghÜa ViÖt Nam', expected: 'Cộng hòa xã hội chủ nghĩa Việt Nam' },
    { name: 'sentence', input: 'TiÕng ViÖt rÊt hay', expected: 'Tiếng Việt rất hay' },
    { name: 'place name', input: 'B¶o Th¾ng', expected: 'Bảo Thắng' },
    { name: 'soft hyphen is ư', input: 'M\u00adêng Kh\u00ad¬ng', expected: 'Mường Khương' },
    { name: 'capital Đ and Ư', input: '§¶ng, T.¦', expected: 'Đảng, T.Ư' },
    { name: 'ASCII untouched', input: 'BTV 12-NQ/TU (HBĐT)', expected: 'BTV 12-NQ/TU (HBĐT)' },
  ])('$name', ({ input, expected }) => {
    expect(fromTcvn3(input)).toBe(expected);
  });
});

describe('fromVni', () => {
  it.each([
    { name: 'sentence', input: 'Tieáng Vieät raát hay', expected: 'Tiếng Việt rất hay' },
    { name: 'ơ and ư alone and with tones', input: 'Möôøng Khöông, hôïp taùc, ñaàu tö', expected: 'Mường Khương, hợp tác, đầu tư' },
    { name: 'i and y vowels', input: 'tænh, nghò, nghóa, Myõ, thuyû, kyø, ñi', expected: 'tỉnh, nghị, nghĩa, Mỹ, thuỷ, kỳ, đi' },
    { name: 'capitals', input: 'ÑOAØN COÂNG TAÙC VIEÄT NAM', expected: 'ĐOÀN CÔNG TÁC VIỆT NAM' },
    { name: 'breve', input: 'naêm, Thaéng, ñaëc', expected: 'năm, Thắng, đặc' },
  ])('$name', ({ input, expected }) => {
    expect(fromVni(input)).toBe(expected);
  });
});

describe('detectLegacyEncoding', () => {
  it.each([
    { name: 'TCVN3 sentence', input: 'TiÕng ViÖt rÊt hay', encoding: 'TCVN3', text: 'Tiếng Việt rất hay' },
    { name: 'TCVN3 place names', input: 'B¶o Th¾ng, M\u00adêng Kh\u00ad¬ng', encoding: 'TCVN3', text: 'Bảo Thắng, Mường Khương' },
    { name: 'VNI sentence', input: 'Tieáng Vieät raát hay', encoding: 'VNI', text: 'Tiếng Việt rất hay' },
    { name: 'Unicode Vietnamese', input: 'Tiếng Việt rất hay', encoding: null, text: 'Tiếng Việt rất hay' },
    { name: 'Unicode with Latin-1 letters only', input: 'Bình Giang, Hòa Bình, hoà', encoding: null, text: 'Bình Giang, Hòa Bình, hoà' },
    { name: 'English', input: 'The province signed a memorandum.', encoding: null, text: 'The province signed a memorandum.' },
    { name: 'German names', input: 'Herr Müller aus Köln, Straße, größer', encoding: null, text: 'Herr Müller aus Köln, Straße, größer' },
    { name: 'French', input: 'Le café crème à l’hôtel, déjà vu.', encoding: null, text: 'Le café crème à l’hôtel, déjà vu.' },
  ])('$name', ({ input, encoding, text }) => {
    const result = detectLegacyEncoding(input);
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(text);
  });

  it('leaves the real Unicode sample alone', () => {
    expect(detectLegacyEncoding(sample)).toEqual({ text: sample, encoding: null, conversion: null });
  });

  it('converts the TCVN3 sample (made with glibc TCVN5712-1) back to the original', () => {
    const result = detectLegacyEncoding(fixture('hoabinh-doi-ngoai-2020.tcvn3-mojibake.txt'));
    expect(result.encoding).toBe('TCVN3');
    expect(result.conversion).toBe('TCVN3 (ABC) -> Unicode');
    expect(result.text).toBe(sample);
  });

  it('converts the VNI sample back to the original', () => {
    const result = detectLegacyEncoding(fixture('hoabinh-doi-ngoai-2020.vni-mojibake.txt'));
    expect(result.encoding).toBe('VNI');
    expect(result.conversion).toBe('VNI -> Unicode');
    expect(result.text).toBe(sample);
  });

  it('converts only the legacy lines of a mixed document', () => {
    const result = detectLegacyEncoding('Đối ngoại Hòa Bình\nTiÕng ViÖt rÊt hay, Céng hßa x· héi');
    expect(result.text).toBe('Đối ngoại Hòa Bình\nTiếng Việt rất hay, Cộng hòa xã hội');
  });
});

describe('isVietnameseSyllable', () => {
  it.each([
    ['Nghiệp', true], ['quốc', true], ['gì', true], ['khuỷu', true], ['người', true], ['Việt', true],
    ['ceang', false], ['mỹller', false], ['straße', false], ['hóà', false], ['tiêáng', false], ['x', false],
  ])('%s -> %s', (word, expected) => {
    expect(isVietnameseSyllable(word)).toBe(expected);
  });
});
