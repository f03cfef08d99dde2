import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTermIndex, matchTerms, parseTermsCsv, termsInText, termsToCsv, type TermEntry } from './terms.ts';

const starter = parseTermsCsv(readFileSync(new URL('../terminology/starter-termbase.csv', import.meta.url), 'utf8'));
const index = buildTermIndex(starter);
const found = (text: string) => matchTerms(index, text).map((m) => [m.matched, m.entry.en]);

describe('parseTermsCsv', () => {
  it('reads the starter termbase with abbreviations and quoted notes', () => {
    expect(starter).toHaveLength(52);
    expect(starter[0]).toEqual({
      id: starter[0]!.id,
      vi: 'Ban Thường vụ Tỉnh ủy',
      en: 'Standing Board of the Provincial Party Committee',
      abbr: 'BTV Tỉnh ủy',
      note: 'BTV alone: Standing Board',
      forbidden: [],
      caseSensitive: false,
    });
    expect(starter[0]!.id).toMatch(/^term-[0-9a-f]{8}$/);
    expect(new Set(starter.map((e) => e.id)).size).toBe(52);
  });

  it('reads the extended columns and round-trips through termsToCsv', () => {
    const csv = 'vi,en,abbr,note,forbidden,case_sensitive,valid_from,valid_to,domain\n' +
      'tỉnh Hòa Bình,Hoa Binh Province,,,"Hoa Binh province | Hoabinh",yes,,2025-06-30,place\n';
    const [e] = parseTermsCsv(csv);
    expect(e).toMatchObject({ vi: 'tỉnh Hòa Bình', forbidden: ['Hoa Binh province', 'Hoabinh'], caseSensitive: true, validTo: '2025-06-30', domain: 'place' });
    expect(parseTermsCsv(termsToCsv(starter))).toEqual(starter);
  });

  it('takes headerless rows as vi,en,abbr,note and skips rows missing a side', () => {
    expect(parseTermsCsv('Tỉnh ủy,Provincial Party Committee\nChỉ thị,\n').map((e) => e.en)).toEqual(['Provincial Party Committee']);
  });

  it('normalises decomposed input to NFC', () => {
    expect(parseTermsCsv('vi,en\nHo\u0300a Bi\u0300nh,Hoa Binh')[0]!.vi).toBe('Hòa Bình');
  });
});

describe('matchTerms on lines of the sample', () => {
  it.each([
    {
      name: 'dateline sentence: abbreviation, resolution, longest compound',
      text: '(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại Đảng, ngoại giao Nhà nước và đối ngoại Nhân dân tỉnh Hòa Bình giai đoạn 2016 – 2020.',
      want: [
        ['HBĐT', 'Hoa Binh Online'],
        ['BTV Tỉnh ủy', 'Standing Board of the Provincial Party Committee'],
        ['Nghị quyết', 'Resolution'],
        ['công tác đối ngoại', 'external relations work'],
        ['ngoại giao Nhà nước', 'State diplomacy'],
        ['đối ngoại Nhân dân', 'people-to-people diplomacy'],
      ],
    },
    {
      name: 'UBND tỉnh and T.Ư',
      text: 'BTV Tỉnh ủy, UBND tỉnh đã coi trọng triển khai thực hiện các quy định của T.Ư về công tác đối ngoại nói chung và Quy chế quản lý thống nhất',
      want: [
        ['BTV Tỉnh ủy', 'Standing Board of the Provincial Party Committee'],
        ['UBND tỉnh', "Provincial People's Committee"],
        ['T.Ư', 'the Central Committee'],
        ['công tác đối ngoại', 'external relations work'],
        ['Quy chế', 'Regulation'],
      ],
    },
    {
      name: 'hyphenated abbreviations and a Lao province',
      text: 'Biên bản ghi nhớ với 2 tỉnh được thực hiện hiệu quả, nhất là tăng cường trao đổi kinh nghiệm về phát triển KT-XH, QP-AN; Hòa Bình đang giúp tỉnh Hủa Phăn xây dựng 1 trường THPT bằng nguồn vốn ODA',
      want: [
        ['bản ghi nhớ', 'Memorandum of Understanding'],
        ['KT-XH', 'socio-economic'],
        ['QP-AN', 'national defence and security'],
        ['tỉnh Hủa Phăn', 'Houaphanh Province'],
        ['THPT', 'upper secondary school'],
        ['ODA', 'official development assistance'],
      ],
    },
    {
      name: 'title inside a longer title, friendship association with spaced dash',
      text: 'đồng chí Trần Hồng Quang, Giám đốc Sở Ngoại vụ cho biết; Hội hữu nghị Việt - Thái có 350 hội viên',
      want: [
        ['Giám đốc Sở Ngoại vụ', 'Director of the Department of Foreign Affairs'],
        ['Hội hữu nghị Việt - Thái', 'Vietnam-Thailand Friendship Association'],
      ],
    },
    {
      name: 'new tone placement still matches (Tỉnh uỷ, thoả)',
      text: 'Ban Thường vụ Tỉnh uỷ họp',
      want: [['Ban Thường vụ Tỉnh uỷ', 'Standing Board of the Provincial Party Committee']],
    },
    {
      name: 'a comma between words breaks a term',
      text: 'các chỉ thị, nghị quyết, kết luận của T.Ư',
      want: [
        ['chỉ thị', 'Directive'],
        ['nghị quyết', 'Resolution'],
        ['kết luận', 'Conclusion'],
        ['T.Ư', 'the Central Committee'],
      ],
    },
    { name: 'old and new tone placement: hòa / hoà', text: 'tỉnh Hủa Phăn và Đại sứ quán; thoả thuận', want: [['tỉnh Hủa Phăn', 'Houaphanh Province'], ['Đại sứ quán', 'Embassy']] },
    { name: 'lower-case look-alike of an abbreviation is not matched', text: 'ngo và mou', want: [] },
    { name: 'sentence end between T and Ư is not the abbreviation', text: 'của T. Ư', want: [] },
  ])('$name', ({ text, want }) => {
    expect(found(text)).toEqual(want);
  });

  it('gives offsets into the text', () => {
    const text = 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD';
    const [m] = matchTerms(index, text);
    expect(m).toMatchObject({ start: 10, end: 29, matched: 'kim ngạch xuất khẩu', form: 'term' });
    expect(text.slice(m!.start, m!.end)).toBe('kim ngạch xuất khẩu');
  });

  it('is exact on diacritics: Hòa is not Hoa', () => {
    const idx = buildTermIndex(parseTermsCsv('vi,en\ntỉnh Hòa Bình,Hoa Binh Province'));
    expect(matchTerms(idx, 'tỉnh Hoa Bình').length).toBe(0);
    expect(matchTerms(idx, 'tỉnh Hoà Bình')[0]!.matched).toBe('tỉnh Hoà Bình');
  });

  it('respects case-sensitive entries and validity dates', () => {
    const entries: TermEntry[] = [
      { id: 'a', vi: 'Nhà nước', en: 'State', forbidden: [], caseSensitive: true },
      { id: 'b', vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', forbidden: [], caseSensitive: false, validTo: '2008-07-31' },
    ];
    const idx = buildTermIndex(entries);
    expect(matchTerms(idx, 'nhà nước').length).toBe(0);
    expect(matchTerms(idx, 'Nhà nước').length).toBe(1);
    expect(matchTerms(idx, 'tỉnh Hà Tây', { date: '2007-01-01' }).length).toBe(1);
    expect(matchTerms(idx, 'tỉnh Hà Tây', { date: '2020-01-01' }).length).toBe(0);
  });

  it('lists each entry once for a prompt', () => {
    expect(termsInText(index, 'Tỉnh ủy và Tỉnh ủy, Nghị quyết').map((e) => e.en)).toEqual(['Provincial Party Committee', 'Resolution']);
  });
});

describe('parseTermsCsv on large files', () => {
  it('keeps one entry for a row repeated 20,000 times (one identity rule: same Vietnamese and English), last row winning', () => {
    const rows = parseTermsCsv(`vi,en,note\n${'Ủy ban nhân dân tỉnh,Provincial People’s Committee,a\n'.repeat(19_999)}Ủy ban nhân dân tỉnh,Provincial People’s Committee,b\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.note).toBe('b');
  });

  it('reads 20,000 distinct rows as 20,000 entries with distinct ids', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `Xã ${i},Commune ${i}`).join('\n');
    const rows = parseTermsCsv(`vi,en\n${body}\n`);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(20_000);
  });
});

describe('matchTerms on a long text', () => {
  it('finds in 200 copies of the sample exactly the matches of one copy, shifted (longest still wins)', () => {
    const one = readFileSync(new URL('../../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8').replace(/\s+/gu, ' ').trim() + ' ';
    const once = matchTerms(index, one).map((m) => [m.start, m.end, m.entry.id]);
    expect(once.length).toBeGreaterThan(20);
    const many = matchTerms(index, one.repeat(200)).map((m) => [m.start, m.end, m.entry.id]);
    expect(many).toEqual(Array.from({ length: 200 }, (_, k) => once.map(([s, e, id]) => [(s as number) + k * one.length, (e as number) + k * one.length, id])).flat());
  });
});
