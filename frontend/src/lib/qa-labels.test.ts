import { afterEach, describe, expect, it } from 'vitest';
import { checkConsistency, runQa } from '../../../backend/src/qa/index.ts';
import { buildTermIndex, parseTermsCsv } from '../../../backend/src/text/terms.ts';
import { setLang } from './i18n.ts';
import { en } from './messages.ts';
import { qaMessage, qaTitle } from './qa-labels.ts';

afterEach(() => setLang('en'));

const terms = buildTermIndex(parseTermsCsv("vi,en,abbr,note,forbidden\nỦy ban nhân dân tỉnh,Provincial People's Committee,UBND tỉnh,,People's Committee of the province\n"));

// Messages as the server's checks write them today, so a changed wording shows up here.
const issues = [
  ...runQa({ source: 'Ngày 6/1/2017, kim ngạch đạt 790,84 triệu USD, 16 dự án, 272,303 triệu USD.', translation: 'On June 1, 2017, turnover reached USD 790,84 million, 61 projects, VND 272.303 million and 12 tỉnh more.' }),
  ...runQa({ source: 'UBND tỉnh họp với 1.500 người tại Hòa Bình trong ba ngày liên tiếp để bàn kế hoạch.', translation: "The People's Committee of the province met 1.5 people." , terms }),
  ...runQa({ source: 'Có 350 hội viên.', translation: 'There are 350 members, and the province also has many other friendship organisations across the region today.' }),
  // Omissions of each kind and a figure left out.
  ...runQa({ source: 'Tỉnh Hòa Bình tiếp tục mở rộng quan hệ đối ngoại với nhiều địa phương trong và ngoài nước.', translation: 'Hoa Binh expands ties.' }),
  ...runQa({ source: 'Tỉnh Hòa Bình mở rộng quan hệ đối ngoại.', translation: 'Hoa Binh Province continues to expand its foreign relations with many localities at home and abroad, as it has done for years, in every field.' }),
  ...runQa({ source: 'Tỉnh Hòa Bình tiếp tục mở rộng quan hệ đối ngoại. Nhiều địa phương đã ký kết hợp tác.', translation: 'Hoa Binh Province continues to expand its foreign relations, and many localities have signed cooperation agreements.' }),
  ...runQa({ source: 'Tỉnh đón 1.250 khách quốc tế trong năm qua.', translation: 'The province welcomed many international visitors last year.' }),
  ...checkConsistency([
    { source: 'Lợi thế của Hòa Bình.', translation: 'The strengths of Hoa Binh.' },
    { source: 'Lợi thế của Hòa Bình.', translation: "Hòa Bình's strengths." },
  ]).flat(),
];

describe('QA issues in the interface language', () => {
  it('has a Vietnamese form of every message the checks write', () => {
    setLang('vi');
    const left = issues.filter((i) => qaMessage(i) === i.message).map((i) => i.message);
    expect(left).toEqual([]);
    expect(new Set(issues.map((i) => i.code)).size).toBeGreaterThanOrEqual(8);
  });

  it('writes every message from its code and params, word for word as the server does in English', () => {
    expect(issues.filter((i) => !i.params)).toEqual([]);
    // Every message shape the interface knows is among them, so each template is checked against the server's words.
    const shapes = new Set(issues.map((i) => `qaM_${i.code}${i.params?.variant ? `_${i.params.variant}` : ''}`));
    expect([...shapes].sort()).toEqual(Object.keys(en).filter((k) => k.startsWith('qaM_')).sort());
    expect(issues.map((i) => qaMessage(i))).toEqual(issues.map((i) => i.message));
    // The Vietnamese comes from the params, not from reading the English back: a message the regexes do not know
    // (a check reworded on the server) is still translated.
    setLang('vi');
    expect(qaMessage({ code: 'QA_NUMBER_MISSING', message: 'Reworded: 1.500 is missing', params: { raw: '1.500' } })).toBe('"1.500" không có trong bản dịch');
    expect(qaMessage({ code: 'QA_OMISSION', message: 'x', params: { variant: 'sentences', source: 3, translation: 2 } })).toBe('Bản gốc có 3 câu, bản dịch có 2 câu');
  });

  it('falls back to the server message for an unknown variant or a missing value', () => {
    setLang('vi');
    expect(qaMessage({ code: 'QA_OMISSION', message: 'Something new', params: { variant: 'tone', pct: 80 } })).toBe('Something new');
    expect(qaMessage({ code: 'QA_TERM_MISSING', message: 'Term gone', params: { term: 'UBND' } })).toBe('Term gone');
  });

  it.each([
    { message: '"790,84" is written the Vietnamese way: in English write "790.84"', want: '"790,84" viết theo kiểu Việt: tiếng Anh viết "790.84"' },
    { message: '"272,303 triệu" became "272.4 million"', want: '"272,303 triệu" thành "272.4 million" trong bản dịch' },
    { message: '"UBND tỉnh" should be rendered "Provincial People\'s Committee"', want: '"UBND tỉnh" cần dịch là "Provincial People\'s Committee"' },
  ])('vi: $want', ({ message, want }) => {
    setLang('vi');
    expect(qaMessage({ code: 'QA_X', message })).toBe(want);
  });

  it('keeps the server English in English and for an unknown shape', () => {
    expect(qaMessage({ code: 'QA_NUMBER_MISSING', message: '"2" is not in the translation' })).toBe('"2" is not in the translation');
    setLang('vi');
    expect(qaMessage({ code: 'QA_NEW', message: 'A new check said this' })).toBe('A new check said this');
    expect(qaTitle('QA_NUMBER_FORMAT')).toBe('Số viết theo kiểu Việt');
  });
});
