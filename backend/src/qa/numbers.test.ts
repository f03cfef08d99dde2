import { describe, expect, it } from 'vitest';
import { extractQuantities, readDigits, vietnameseDigits } from '../text/numbers.ts';
import { checkNumbers } from './numbers.ts';

const codes = (source: string, translation: string) => checkNumbers(source, translation).map((i) => `${i.code}:${i.severity}`);

describe('readDigits', () => {
  it.each([
    { raw: '790,84', lang: 'vi', values: [790.84], decimals: 2 },
    { raw: '1.500', lang: 'vi', values: [1500], decimals: 0 },
    { raw: '272,303', lang: 'vi', values: [272.303, 272303], decimals: 3 },
    { raw: '1.500.000', lang: 'vi', values: [1500000], decimals: 0 },
    { raw: '1.234,5', lang: 'vi', values: [1234.5], decimals: 1 },
    { raw: '2.5', lang: 'vi', values: [2.5], decimals: 1 },
    { raw: '1,500', lang: 'en', values: [1500], decimals: 0 },
    { raw: '272.303', lang: 'en', values: [272.303], decimals: 3 },
    { raw: '1,234.5', lang: 'en', values: [1234.5], decimals: 1 },
  ] as const)('$lang $raw', ({ raw, lang, values, decimals }) => {
    expect(readDigits(raw, lang)).toEqual({ values, decimals });
  });
});

describe('vietnameseDigits', () => {
  it.each([
    { raw: '790,84', want: { english: '790.84', ambiguous: false } },
    { raw: '1.234,5', want: { english: '1,234.5', ambiguous: false } },
    { raw: '1.500.000', want: { english: '1,500,000', ambiguous: false } },
    { raw: '1.000', want: { english: '1,000', ambiguous: true } },
    { raw: '1,500', want: null },
    { raw: '790.84', want: null },
    { raw: '2020', want: null },
  ])('$raw', ({ raw, want }) => {
    expect(vietnameseDigits(raw)).toEqual(want);
  });
});

describe('extractQuantities', () => {
  it('reads scale, currency, percent, dates and codes in a Vietnamese sentence of the sample', () => {
    const q = extractQuantities('Ngày 6/1/2017, BTV Tỉnh ủy ban hành Nghị quyết số 12-NQ/TU; 790,84 triệu USD, chiếm 57% doanh nghiệp, giai đoạn 2016 – 2020', 'vi');
    expect(q.map((x) => (x.kind === 'number' ? [x.raw, x.values[0], x.unit ?? null] : x.kind === 'date' ? [x.raw, x.day, x.month, x.year] : [x.raw]))).toEqual([
      ['6/1/2017', 6, 1, 2017],
      ['12-NQ/TU'],
      ['790,84 triệu', 790_840_000, 'USD'],
      ['57%', 57, 'percent'],
      ['2016', 2016, null],
      ['2020', 2020, null],
    ]);
  });

  it.each([
    { text: 'January 6, 2017', want: { day: 6, month: 1, year: 2017 } },
    { text: '6 January 2017', want: { day: 6, month: 1, year: 2017 } },
    { text: 'in July 2017', want: { day: undefined, month: 7, year: 2017 } },
    { text: 'on Sept. 30', want: { day: 30, month: 9, year: undefined } },
  ])('English date $text', ({ text, want }) => {
    expect(extractQuantities(text, 'en')[0]).toMatchObject({ kind: 'date', ...want });
  });

  it('reads English number words with scales and a glued scale', () => {
    const q = extractQuantities('three years, twenty-five people, a six-point lead, £125m', 'en');
    expect(q.map((x) => (x.kind === 'number' ? x.values[0] : null))).toEqual([3, 25, 6, 125_000_000]);
  });

  it('reads a small fraction as a fraction, not a date', () => {
    expect(extractQuantities('trong 1/3 thời gian cuối trận', 'vi')[0]).toMatchObject({ kind: 'number', soft: true });
    expect(extractQuantities('ngày 1/3', 'vi')[0]).toMatchObject({ kind: 'date', day: 1, month: 3 });
  });
});

const DATELINE = '(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại Nhân dân tỉnh Hòa Bình giai đoạn 2016 – 2020.';
const TRADE = 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD, nhập khẩu đạt 414 triệu USD, đến năm 2019, con số này lần lượt là 790,84 triệu USD và 635 triệu USD.';
const FDI = '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.';
const SHARE = 'số lượng doanh nghiệp FDI vào tỉnh tăng đáng kể, chiếm 57% doanh nghiệp XNK trên địa bàn tỉnh';
const LAOS = 'Biên bản ghi nhớ với 2 tỉnh được thực hiện hiệu quả; Hòa Bình đang giúp tỉnh Hủa Phăn xây dựng 1 trường THPT';
const MEMBERS = 'Liên hiệp các tổ chức hữu nghị tỉnh Hòa Bình có 3 tổ chức thành viên, với 534 hội viên, trong đó, Hội hữu nghị Việt - Thái có 350 hội viên';

describe('checkNumbers: right renderings of lines of the sample pass', () => {
  it.each([
    { name: 'dateline, US order', source: DATELINE, translation: '(HBO) - On January 6, 2017, the Standing Board of the Provincial Party Committee issued Resolution No. 12-NQ/TU on promoting Party external relations for the 2016-2020 period.' },
    { name: 'dateline, British order', source: DATELINE, translation: 'On 6 January 2017 the Standing Board issued Resolution No. 12-NQ/TU for the period 2016–2020.' },
    { name: 'trade figures, million USD', source: TRADE, translation: "In 2017 the province's export turnover was only 505 million USD and imports 414 million USD; by 2019 these figures were 790.84 million USD and 635 million USD respectively." },
    { name: 'trade figures, USD first', source: TRADE, translation: 'In 2017 exports reached USD 505 million and imports USD 414 million; in 2019, USD 790.84 million and USD 635 million.' },
    { name: 'FDI exact', source: FDI, translation: 'Over the past three years the province attracted 16 FDI projects with total investment of USD 272.303 million.' },
    { name: 'FDI rounded', source: FDI, translation: 'In the past 3 years, the province attracted 16 FDI projects with a total investment of about USD 272.3 million.' },
    { name: 'FDI as a full number', source: FDI, translation: 'In the past three years, 16 FDI projects brought USD 272,303,000.' },
    { name: 'percent in words', source: SHARE, translation: 'the number of FDI enterprises rose markedly, making up 57 percent of import-export firms in the province' },
    { name: 'per cent', source: SHARE, translation: 'FDI firms now account for 57 per cent of the import-export enterprises' },
    { name: 'two provinces as both', source: LAOS, translation: 'The memorandum of understanding with both provinces has been implemented well; Hoa Binh is helping Houaphanh build an upper secondary school' },
    { name: 'decree code without diacritics', source: 'Theo Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 của Chính phủ', translation: 'Under Government Decree No. 15/2020/ND-CP of February 3, 2020' },
    { name: 'a short date read as a fraction still matches a date', source: 'Kỷ niệm 75 năm Quốc khánh 2/9; nghỉ lễ 30/4 và 1/5', translation: 'The 75th anniversary of National Day (September 2); holidays on April 30 and May 1' },
    { name: 'currency glued to the figure', source: 'đạt 1.234 tỷ đồng', translation: 'reached VND1,234 billion' },
    { name: 'quarter and year', source: 'Quý I/2020, kim ngạch xuất khẩu tăng 5,2%', translation: 'In the first quarter of 2020, export turnover rose 5.2 percent' },
    { name: 'thousands dot rendered with a comma', source: 'Có 1.500 người tham dự lễ hội', translation: '1,500 people attended the festival' },
    { name: 'thousands dot rendered as a scale word', source: 'Có 1.500 người tham dự lễ hội', translation: 'Some 1.5 thousand people attended the festival' },
    { name: 'an English three-decimal figure the source has', source: FDI, translation: 'Over three years the province attracted 16 FDI projects worth USD 272.303 million.' },
    { name: 'members', source: MEMBERS, translation: 'The Hoa Binh Union of Friendship Organisations has three member organisations with 534 members, of which the Vietnam-Thailand Friendship Association has 350.' },
  ])('$name', ({ source, translation }) => {
    expect(checkNumbers(source, translation)).toEqual([]);
  });
});

describe('checkNumbers: wrong renderings are flagged', () => {
  it.each([
    { name: 'day and month swapped', source: DATELINE, translation: 'On June 1, 2017, the Standing Board issued Resolution No. 12-NQ/TU for 2016-2020.', want: ['QA_DATE_SWAPPED:error'] },
    { name: 'decimal comma read as thousands', source: TRADE, translation: 'In 2017 exports were USD 505 million and imports USD 414 million; in 2019, USD 79,084 million and USD 635 million.', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'a figure dropped', source: TRADE, translation: 'In 2017 exports were USD 505 million and imports USD 414 million; in 2019 exports were USD 790.84 million.', want: ['QA_NUMBER_MISSING:error'] },
    { name: 'wrong scale', source: FDI, translation: 'In three years the province attracted 16 FDI projects worth USD 272.303 billion.', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'rounding that is not a rounding', source: FDI, translation: 'In three years the province attracted 16 FDI projects worth USD 272.4 million.', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'invented figure', source: SHARE, translation: 'FDI firms rose 12 percent to make up 57% of import-export firms', want: ['QA_NUMBER_INVENTED:error'] },
    { name: 'years changed in a range', source: DATELINE, translation: 'On January 6, 2017, the Board issued Resolution No. 12-NQ/TU for 2016-2025.', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'document code lost', source: DATELINE, translation: 'On January 6, 2017, the Board issued a resolution for 2016-2020.', want: ['QA_NUMBER_MISSING:error'] },
    { name: 'small count missing is a warning', source: MEMBERS, translation: 'The Hoa Binh Union of Friendship Organisations has member organisations with 534 members; the Vietnam-Thailand association has 350.', want: ['QA_NUMBER_MISSING:warning'] },
    { name: 'decree code changed', source: 'Theo Nghị định số 15/2020/NĐ-CP', translation: 'Under Decree No. 15/2021/ND-CP', want: ['QA_NUMBER_MISSING:error'] },
    { name: 'currency changed', source: TRADE, translation: 'In 2017 exports were USD 505 million and imports USD 414 million; in 2019, VND 790.84 million and USD 635 million.', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'Vietnamese thousands dot left in English', source: 'Dự án hỗ trợ 1.000 hộ nghèo', translation: 'The project supports 1.000 poor households', want: ['QA_NUMBER_FORMAT:error'] },
    { name: 'Vietnamese decimal comma left in English', source: TRADE, translation: 'In 2017 exports were USD 505 million and imports USD 414 million; in 2019, USD 790,84 million and USD 635 million.', want: ['QA_NUMBER_FORMAT:error'] },
    { name: 'Vietnamese grouping left in English', source: 'Mỗi hộ được hỗ trợ 1.500.000 đồng', translation: 'Each household receives VND 1.500.000', want: ['QA_NUMBER_FORMAT:error'] },
    { name: 'thousands dot read as a decimal point', source: 'Có 1.500 người tham dự lễ hội', translation: 'Some 1.5 people attended the festival', want: ['QA_NUMBER_CHANGED:error'] },
    { name: 'thousands dot read as a decimal before a scale', source: 'Tổng vốn 1.500 tỷ đồng', translation: 'Total capital of VND 1.5 billion', want: ['QA_NUMBER_CHANGED:error'] },
  ])('$name', ({ source, translation, want }) => {
    expect(codes(source, translation)).toEqual(want);
  });

  it('says how to write a Vietnamese-format figure in English and why a misread dot is wrong', () => {
    expect(checkNumbers('đạt 790,84 triệu USD', 'reached USD 790,84 million')[0]!.message).toBe('"790,84" is written the Vietnamese way: in English write "790.84"');
    expect(checkNumbers('Có 1.500 người', 'Some 1.5 people')[0]!.message).toBe('"1.500" is 1,500 (in Vietnamese a dot before three digits separates thousands); the translation has "1.5"');
  });

  it('points the span at the changed figure in the translation', () => {
    const t = 'In three years the province attracted 16 FDI projects worth USD 272.4 million.';
    const [issue] = checkNumbers(FDI, t);
    expect(issue!.span).toEqual({ side: 'translation', start: t.indexOf('272.4'), end: t.indexOf('272.4') + '272.4 million'.length });
    expect(issue!.message).toBe('"272,303 triệu" became "272.4 million"');
  });
});
