import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTermIndex, parseTermsCsv } from '../text/terms.ts';
import { checkConsistency, checkOmission, checkTerminology, checkUntranslated, runArticleQa, runQa } from './index.ts';
import { stem } from './english-match.ts';

const starter = parseTermsCsv(readFileSync(new URL('../terminology/starter-termbase.csv', import.meta.url), 'utf8'));
const index = buildTermIndex(starter);
const codes = (issues: { code: string; severity: string }[]) => issues.map((i) => `${i.code}:${i.severity}`);

const LEAD = 'Những năm qua, BTV Tỉnh ủy, UBND tỉnh đã coi trọng triển khai thực hiện các quy định của T.Ư về công tác đối ngoại.';
const LEAD_EN = "Over the years, the Standing Board of the Provincial Party Committee and the Provincial People's Committee have implemented the Central Committee's regulations on external relations work.";

describe('stem', () => {
  it.each([
    ['Committees', 'committee'], ["People's", 'people'], ['organisations', 'organization'], ['organizations', 'organization'],
    ['defence', 'defense'], ['policies', 'policy'], ['Regulation', 'regulation'], ['business', 'business'],
    ['memoranda', 'memorandum'], ['Memorandum', 'memorandum'], ['chairmen', 'chairman'],
  ])('%s -> %s', (w, s) => expect(stem(w)).toBe(s));
});

describe('checkTerminology', () => {
  it.each([
    { name: 'all terms rendered', translation: LEAD_EN, want: [] },
    {
      name: 'inflected and lower-case renderings pass',
      translation: "For years the standing board of the provincial party committee and the provincial people's committees applied the central committee rules on external relations work.",
      want: [],
    },
    {
      name: 'a term rendered another way is missing',
      translation: "Over the years, the Provincial Party Standing Committee and the Provincial People's Committee have applied the Central Committee's rules on external relations work.",
      want: ['QA_TERM_MISSING:warning'],
    },
  ])('$name', ({ translation, want }) => {
    expect(codes(checkTerminology(LEAD, translation, index))).toEqual(want);
  });

  const LAOS = 'Các biên bản ghi nhớ với tỉnh Luông Phabang và tỉnh Hủa Phăn được thực hiện hiệu quả.';
  it.each([
    { name: 'plural and coordinated forms', translation: 'The memoranda of understanding with Luang Prabang and Houaphanh provinces have been implemented well.', want: [] },
    { name: 'head first, then the names', translation: 'The memoranda of understanding with the provinces of Houaphanh and Luang Prabang work well.', want: [] },
    { name: 'each name with its head', translation: 'The memoranda of understanding with Luang Prabang Province and Houaphanh Province have been implemented well.', want: [] },
    { name: 'a name dropped is still missing', translation: 'The memoranda of understanding with Houaphanh province have been implemented well.', want: ['QA_TERM_MISSING:warning'] },
    { name: 'a name far from the head is not coordinated', translation: 'The memoranda of understanding with Luang Prabang were signed and later many projects in Houaphanh Province followed.', want: ['QA_TERM_MISSING:warning'] },
  ])('Laos line: $name', ({ translation, want }) => {
    expect(codes(checkTerminology(LAOS, translation, index))).toEqual(want);
  });

  it('flags a forbidden variant but not one inside the right rendering', () => {
    const idx = buildTermIndex(parseTermsCsv('vi,en,abbr,note,forbidden\nỦy ban nhân dân tỉnh,Provincial People\'s Committee,UBND tỉnh,,People\'s Committee of the province | Party Committee\n'));
    const bad = "The People's Committees of the province met.";
    expect(checkTerminology('UBND tỉnh họp.', bad, idx)).toEqual([
      { code: 'QA_TERM_MISSING', severity: 'warning', message: '"UBND tỉnh" should be rendered "Provincial People\'s Committee"', params: { term: 'UBND tỉnh', english: "Provincial People's Committee" }, span: { side: 'source', start: 0, end: 9 } },
      { code: 'QA_TERM_FORBIDDEN', severity: 'error', message: `"People's Committees of the province" is not used for "UBND tỉnh": write "Provincial People's Committee"`, params: { found: "People's Committees of the province", term: 'UBND tỉnh', english: "Provincial People's Committee" }, span: { side: 'translation', start: 4, end: 39 } },
    ]);
    expect(checkTerminology('Ủy ban nhân dân tỉnh họp.', "The Provincial People's Committee met.", buildTermIndex(parseTermsCsv('vi,en,forbidden\nỦy ban nhân dân tỉnh,Provincial People\'s Committee,People\'s Committee')))).toEqual([]);
  });
});

describe('checkUntranslated', () => {
  it.each([
    { name: 'names from the source may keep diacritics', source: 'đồng chí Trần Hồng Quang, Giám đốc Sở Ngoại vụ', translation: 'Mr Trần Hồng Quang, Director of the Department of Foreign Affairs', want: [] },
    { name: 'a name in the other tone placement', source: 'tỉnh Hòa Bình', translation: 'Hoà Bình Province', want: [] },
    { name: 'names without diacritics', source: 'tỉnh Hòa Bình', translation: 'Hoa Binh Province', want: [] },
    { name: 'a title word left in Vietnamese', source: 'BTV Tỉnh ủy đã ban hành', translation: 'The Tỉnh ủy Standing Board issued', want: ['"Tỉnh ủy" looks untranslated'] },
    { name: 'a lower-case Vietnamese word', source: 'hợp tác đầu tư', translation: 'cooperation and đầu tư', want: ['"đầu tư" looks untranslated'] },
    { name: 'accents stripped function words', source: 'các tổ chức của tỉnh', translation: 'the organisations cua tinh', want: ['"cua tinh" looks untranslated'] },
    { name: 'a diacritic name allowed by the termbase', source: 'tỉnh Tuv (Mông Cổ)', translation: 'Töv Province (Mongolia)', want: [] },
  ])('$name', ({ source, translation, want }) => {
    expect(checkUntranslated(source, translation, index).map((i) => i.message)).toEqual(want);
  });
});

describe('checkOmission', () => {
  const SRC = 'Tỉnh tiếp tục thực hiện các cam kết và thỏa thuận quốc tế đã ký với các tổ chức, doanh nghiệp từ giai đoạn trước, như các tổ chức: World Vision, ChildFund, AOP, AEA, Ngân hàng Tái thiết Đức.';
  it.each([
    { name: 'a full translation', translation: 'The province continues to honour the international commitments and agreements signed earlier with organisations and businesses such as World Vision, ChildFund, AOP, AEA and KfW.', want: [] },
    { name: 'half cut off', translation: 'The province continues to honour the international commitments it signed earlier.', want: ['QA_OMISSION:warning'] },
    { name: 'almost nothing', translation: 'The province continues.', want: ['QA_OMISSION:error'] },
    { name: 'a short source is not judged', translation: 'Yes.', source: 'Bình Giang', want: [] },
  ])('$name', ({ translation, want, source }) => {
    expect(codes(checkOmission(source ?? SRC, translation))).toEqual(want);
  });

  it('notes a dropped sentence when the length still looks right', () => {
    const src = 'Tỉnh đã tổ chức nhiều đoàn công tác làm việc với Đại sứ quán các nước. Tỉnh cũng tổ chức đoàn xúc tiến đầu tư.';
    expect(codes(checkOmission(src, 'The province sent many delegations to work with embassies, and it also organised an investment promotion delegation.'))).toEqual(['QA_OMISSION:info']);
  });
});

describe('checkConsistency', () => {
  it('flags the minority spelling of a name and a repeated source translated two ways', () => {
    const issues = checkConsistency([
      { source: 'Hòa Bình đang giúp tỉnh Hủa Phăn.', translation: 'Hoa Binh is helping Houaphanh.' },
      { source: 'Lợi thế của Hòa Bình.', translation: 'The strengths of Hoa Binh.' },
      { source: 'Người Hòa Bình ở nước ngoài.', translation: 'People of Hòa Bình abroad.' },
      { source: 'Lợi thế của Hòa Bình.', translation: "Hoa Binh's strengths." },
      { source: 'Chưa dịch.', translation: null },
    ]);
    expect(issues.map(codes)).toEqual([[], [], ['QA_INCONSISTENT:warning'], ['QA_INCONSISTENT:warning'], []]);
    expect(issues[2]![0]!.message).toBe('"Hòa Bình" is written "Hoa Binh" elsewhere in the article');
  });
});

describe('runQa and runArticleQa', () => {
  it('passes a right translation of a sample line with the starter termbase', () => {
    expect(runQa({ source: LEAD, translation: LEAD_EN, terms: index })).toEqual([]);
  });

  it('puts errors first and skips an empty translation', () => {
    const src = '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.';
    expect(codes(runQa({ source: src, translation: 'In three years, the tỉnh attracted 16 FDI projects worth USD 27.2303 million.', terms: index }))).toEqual([
      'QA_NUMBER_CHANGED:error',
      'QA_UNTRANSLATED:warning',
    ]);
    expect(runQa({ source: src, translation: '' })).toEqual([]);
  });

  it('reports a figure missing twice once', () => {
    const issues = runQa({ source: 'Năm 2019 có 500 người ở Hòa Bình và 500 người ở Sơn La.', translation: 'In 2019 many people lived in Hoa Binh and Son La.' });
    expect(issues.map((i) => i.message)).toEqual(['"500" is not in the translation']);
  });

  it('runs article checks per segment in order', () => {
    const res = runArticleQa([
      { source: 'chiếm 57% doanh nghiệp XNK', translation: '57 percent of import-export firms' },
      { source: 'chiếm 57% doanh nghiệp XNK', translation: '75% of import and export businesses' },
    ], index);
    expect(res.map(codes)).toEqual([[], ['QA_NUMBER_CHANGED:error', 'QA_INCONSISTENT:warning']]);
  });
});
