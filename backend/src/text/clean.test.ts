import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from './clean.ts';
import { splitParagraphs } from './normalise.ts';

const sample = readFileSync(new URL('../../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8');
const body = 'Những năm qua, trên cơ sở quy định của Nhà nước về công tác đối ngoại, BTV Tỉnh ủy, UBND tỉnh đã coi trọng triển khai thực hiện các quy định của T.Ư về công tác đối ngoại nói chung và trên địa bàn tỉnh nói riêng.';
const p = (...texts: string[]) => texts.map((text) => ({ text }));

describe('cleanParagraphs on single boilerplate lines', () => {
  it.each([
    { name: 'share buttons', line: 'Chia sẻ | Facebook | Zalo | In bài', reason: 'share and print buttons' },
    { name: 'print and email', line: 'In trang  Gửi email', reason: 'share and print buttons' },
    { name: 'comments heading', line: 'Bình luận (3)', reason: 'comments box' },
    { name: 'reader comments', line: 'Ý kiến bạn đọc', reason: 'comments box' },
    { name: 'see also link', line: 'Xem thêm: Hòa Bình thu hút đầu tư FDI', reason: '"Xem thêm" (see also) link' },
    { name: 'keywords', line: 'Từ khóa: đối ngoại, Hòa Bình, Yamanashi', reason: 'keyword and tag line' },
    { name: 'keywords, old spelling', line: 'Từ khoá: đối ngoại', reason: 'keyword and tag line' },
    { name: 'tags', line: 'Tags: FDI', reason: 'keyword and tag line' },
    { name: 'site navigation', line: 'Tin trong: Chuyên mục này Mọi chuyên mục', reason: 'site navigation ("Tin trong: Chuyên mục này / Mọi chuyên mục")' },
  ])('$name is cut with its reason', ({ line, reason }) => {
    const result = cleanParagraphs(p(body, line, body));
    expect(result.paragraphs.map((x) => x.text)).toEqual([body, body]);
    expect(result.removed).toEqual([{ text: line, reason, position: 1 }]);
  });

  it.each([
    { name: 'a sentence about comments', line: 'Bình luận về kết quả này, đồng chí Giám đốc Sở cho biết tỉnh sẽ tiếp tục hợp tác.' },
    { name: 'a sentence that starts like a keyword line', line: 'Từ khóa học năm 2019, tỉnh đã cử 20 học sinh sang Lào.' },
    { name: 'a sentence mentioning sharing', line: 'Chia sẻ kinh nghiệm phát triển KT-XH giữa hai tỉnh.' },
    { name: 'a byline', line: 'Bình Giang' },
    { name: 'a caption', line: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.' },
  ])('$name stays', ({ line }) => {
    const result = cleanParagraphs(p(body, line, body));
    expect(result.paragraphs.map((x) => x.text)).toEqual([body, line, body]);
    expect(result.removed).toEqual([]);
  });
});

describe('cleanParagraphs on boxes and tails', () => {
  it('cuts a related-news box and its teaser titles, then keeps the article', () => {
    const result = cleanParagraphs(p(body, 'Tin liên quan', 'Tỉnh đón đoàn Yamanashi', 'Hợp tác với Lào', body));
    expect(result.paragraphs.map((x) => x.text)).toEqual([body, body]);
    expect(result.removed.map((r) => [r.position, r.reason])).toEqual([
      [1, 'related-news box'],
      [2, 'related-news box (after "Tin liên quan")'],
      [3, 'related-news box (after "Tin liên quan")'],
    ]);
  });

  it('cuts only the marker when it comes before any article text', () => {
    const result = cleanParagraphs(p('Các tin khác', body));
    expect(result.paragraphs.map((x) => x.text)).toEqual([body]);
    expect(result.removed).toEqual([{ text: 'Các tin khác', reason: 'list of other news at the end of the page', position: 0 }]);
  });

  it('drops empty paragraphs without a record', () => {
    expect(cleanParagraphs(p(body, ' ', body))).toEqual({ paragraphs: p(body, body), removed: [] });
  });

  it('cuts everything from "Các tin khác" on in the real sample and keeps the article', () => {
    const input = splitParagraphs(sample);
    const result = cleanParagraphs(input);
    const texts = result.paragraphs.map((x) => x.text);
    expect(texts).toHaveLength(11);
    expect(texts[0]).toMatch(/^\(HBĐT\) - Ngày 6\/1\/2017/u);
    expect(texts.at(-2)).toMatch(/^3 năm qua, trong tỉnh thu hút được 16 dự án FDI/u);
    expect(texts.at(-1)).toBe('Bình Giang');
    const marker = input.findIndex((x) => x.text === 'Các tin khác');
    expect(result.removed[0]).toEqual({ text: 'Các tin khác', reason: 'list of other news at the end of the page', position: marker });
    expect(result.removed.map((r) => r.position)).toEqual(input.map((_, i) => i).slice(marker));
    expect(result.removed.at(-1)).toEqual({
      text: 'Tin trong: Chuyên mục này Mọi chuyên mục',
      reason: 'list of other news at the end of the page (after "Các tin khác")',
      position: input.length - 1,
    });
    expect(result.removed.map((r) => r.text)).toContain('Xem các tin đã đưa ngày:');
    expect(texts.join('\n')).not.toMatch(/Thủ tướng|VietGAP|gai xanh|Xem các tin/u);
  });
});
