import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { assertHtmlDepth, domBlocks, htmlToArticle, MAX_HTML_DEPTH } from './html.ts';

const page = readFileSync(new URL('../../test/fixtures/hoabinh-doi-ngoai-2020.html', import.meta.url), 'utf8');

describe('domBlocks', () => {
  it.each([
    { name: 'paragraphs', html: '<p>A</p><p>B</p>', expected: [{ text: 'A' }, { text: 'B' }] },
    { name: 'headings and figcaptions keep their kind', html: '<h2>H</h2><figure><img src=x><figcaption>C</figcaption></figure>', expected: [{ text: 'H', kind: 'heading' }, { text: 'C', kind: 'caption' }] },
    { name: 'inline markup joins, br splits', html: '<div>Một <b>hai</b><br><br>ba</div>', expected: [{ text: 'Một hai' }, { text: 'ba' }] },
    { name: 'scripts and styles are skipped', html: '<p>A<script>x()</script></p><style>p{}</style>', expected: [{ text: 'A' }] },
    { name: 'loose text around blocks', html: '<div>trước<p>giữa</p>sau</div>', expected: [{ text: 'trước' }, { text: 'giữa' }, { text: 'sau' }] },
    { name: 'soft hyphens survive for legacy detection', html: '<p>M\u00adêng\u00a0 Kh\u00ad¬ng</p>', expected: [{ text: 'M\u00adêng Kh\u00ad¬ng' }] },
  ])('$name', ({ html, expected }) => {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    expect(domBlocks(document.body as never)).toEqual(expected);
  });
});

describe('htmlToArticle', () => {
  it('keeps the sample article, its caption and byline, and the h1 as title', () => {
    const result = htmlToArticle(page);
    expect(result.title).toBe('Tăng cường công tác đối ngoại giai đoạn 2016 – 2020');
    const texts = result.paragraphs.map((p) => p.text);
    expect(texts).toHaveLength(11);
    expect(texts[0]).toMatch(/^\(HBĐT\) - Ngày 6\/1\/2017/u);
    expect(result.paragraphs[1]).toMatchObject({ kind: 'caption', text: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.' });
    expect(texts[9]).toMatch(/^3 năm qua, trong tỉnh thu hút/u);
    expect(texts[10]).toBe('Bình Giang');
    expect(texts.join('\n')).not.toMatch(/Các tin khác|Thủ tướng|Trang chủ|Chia sẻ|Giấy phép/u);
  });

  it('returns what readability left out, with page positions in order', () => {
    const result = htmlToArticle(page);
    const removed = result.removed.map((r) => r.text);
    expect(removed).toEqual(expect.arrayContaining(['Các tin khác', 'Trang chủ', 'Giấy phép số 123/GP-BTTTT']));
    expect(removed.some((t) => t.startsWith('Thủ tướng chỉ đạo xây dựng Nghị định'))).toBe(true);
    expect(result.removed.every((r) => r.reason.startsWith('not part of the article'))).toBe(true);
    const positions = [...result.paragraphs.map((p) => p.position!), ...result.removed.map((r) => r.position)].sort((a, b) => a - b);
    expect(new Set(positions).size).toBe(positions.length);
    expect(result.paragraphs.map((p) => p.position)).toEqual([...result.paragraphs.map((p) => p.position)].sort((a, b) => a! - b!));
  });

  it('takes a fragment with no page around it as it is', () => {
    expect(htmlToArticle('<h1>Tin</h1><p>Đoạn một.</p><h2>Phần hai</h2><p>Đoạn hai.</p>')).toEqual({
      title: 'Tin',
      paragraphs: [
        { text: 'Đoạn một.', position: 1 },
        { text: 'Phần hai', kind: 'heading', position: 2 },
        { text: 'Đoạn hai.', position: 3 },
      ],
      removed: [],
    });
  });

  it('falls back to the page title when there is no h1', () => {
    expect(htmlToArticle('<html><head><title>Trang tin</title></head><body><p>Một.</p></body></html>').title).toBe('Trang tin');
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => `${'<div>'.repeat(depth)}<p>Tỉnh Hòa Bình đẩy mạnh đối ngoại.</p>${'</div>'.repeat(depth)}`;

  it.each([2_000, 100_000])('refuses %i nested divs before building a DOM, naming the limit', (depth) => {
    expect(() => htmlToArticle(nested(depth))).toThrow(
      expect.objectContaining({ code: 'ERR_INTAKE_TOO_DEEP', statusCode: 422, message: expect.stringContaining(`more than ${MAX_HTML_DEPTH} levels deep`) }),
    );
  });

  it('reads a page just under the limit', () => {
    // <p> inside the divs is one more level.
    expect(htmlToArticle(nested(MAX_HTML_DEPTH - 1)).paragraphs.map((p) => p.text)).toEqual(['Tỉnh Hòa Bình đẩy mạnh đối ngoại.']);
  });

  it('counts implied end tags as the DOM does: a thousand unclosed <p> and <li> are not deep', () => {
    expect(() => assertHtmlDepth('<p>Đoạn'.repeat(1_000) + '<ul>' + '<li>Mục'.repeat(1_000) + '</ul>')).not.toThrow();
    expect(() => assertHtmlDepth('<span>'.repeat(MAX_HTML_DEPTH + 1))).toThrow(expect.objectContaining({ code: 'ERR_INTAKE_TOO_DEEP' }));
  });
});

describe('positions of kept blocks', () => {
  it('gives repeated paragraphs their own positions in page order', () => {
    const html = '<nav><p>Trang chủ</p></nav><article><p>Điệp khúc.</p><p>Câu một dài hơn của bài báo về đối ngoại.</p><p>Điệp khúc.</p><p>Câu hai dài hơn của bài báo về đối ngoại.</p><p>Điệp khúc.</p></article>';
    const { paragraphs, removed } = htmlToArticle(html);
    const positions = paragraphs.map((p) => p.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect([...positions].sort((a, b) => a! - b!)).toEqual(positions);
    expect([...positions, ...removed.map((r) => r.position)].sort((a, b) => a! - b!)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
