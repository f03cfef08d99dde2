import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../test/fixtures/sample-docx.ts';
import { intake, type IntakeResult } from './intake.ts';
import { splitParagraphs } from './normalise.ts';

const fixtures = new URL('../../test/fixtures/', import.meta.url);
const bytes = (name: string) => readFileSync(new URL(name, fixtures));
const sample = bytes('hoabinh-doi-ngoai-2020.txt').toString('utf8');
const html = bytes('hoabinh-doi-ngoai-2020.html').toString('utf8');

// The article as published, lead through byline: the lines before "Các tin khác".
const articleLines = splitParagraphs(sample.slice(0, sample.indexOf('Các tin khác'))).map((p) => p.text);
const CAPTION = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.';
const EXPECTED_KINDS = ['lead', 'caption', ...Array<string>(8).fill('paragraph'), 'byline'];
const TEASERS = ['Thủ tướng chỉ đạo xây dựng Nghị định chế độ tiền lương mới', 'Tháo gỡ đầu ra cho cây gai xanh', 'Xem các tin đã đưa ngày:', 'Tin trong: Chuyên mục này Mọi chuyên mục'];

const body = (r: IntakeResult) => r.segments.map((s) => [s.kind, s.source]);

describe('intake of the real sample', () => {
  it('returns the 9 body paragraphs, the caption and the byline in order with their kinds', async () => {
    const result = await intake({ text: sample });
    expect(result.format).toBe('text');
    expect(result.segments.map((s) => s.index)).toEqual([...Array(11).keys()]);
    expect(result.segments.map((s) => s.kind)).toEqual(EXPECTED_KINDS);
    expect(result.segments.map((s) => s.source)).toEqual(articleLines);
    expect(result.segments.filter((s) => s.kind === 'lead' || s.kind === 'paragraph')).toHaveLength(9);
    expect(result.segments[0]!.source.startsWith('(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy')).toBe(true);
    expect(result.segments[1]!.source).toBe(CAPTION);
    expect(result.segments[9]!.source.startsWith('3 năm qua, trong tỉnh thu hút được 16 dự án FDI')).toBe(true);
    expect(result.segments[10]!.source).toBe('Bình Giang');
    expect(result.conversions).toEqual([]);
  });

  it('keeps none of the teasers and lists them as removed with a reason', async () => {
    const result = await intake({ text: sample });
    const all = result.segments.map((s) => s.source).join('\n');
    for (const teaser of TEASERS) expect(all).not.toContain(teaser);
    expect(result.removed[0]).toMatchObject({ text: 'Các tin khác', reason: 'list of other news at the end of the page' });
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(TEASERS));
    const lines = splitParagraphs(sample).map((p) => p.text);
    expect(result.removed.map((r) => r.text)).toEqual(lines.slice(lines.indexOf('Các tin khác')));
    expect(result.removed).toHaveLength(15);
    expect(result.removed.every((r) => r.reason.length > 10)).toBe(true);
  });

  it('derives a title from the lead without adding a segment, or puts a given title first', async () => {
    const derived = await intake({ text: sample });
    expect(derived.title).toBe('Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại Đảng…');
    const given = await intake({ text: sample, title: ' Đối ngoại  Hòa Bình ' });
    expect(given.title).toBe('Đối ngoại Hòa Bình');
    expect(given.segments[0]).toEqual({ index: 0, kind: 'title', source: 'Đối ngoại Hòa Bình', sentences: [{ start: 0, end: 18 }] });
    expect(body(given).slice(1)).toEqual(body(derived));
    expect(given.segments[11]).toMatchObject({ index: 11, kind: 'byline' });
  });

  it('gives sentence spans that cut the lead in two after "2020."', async () => {
    const lead = (await intake({ text: sample })).segments[0]!;
    expect(lead.sentences).toHaveLength(2);
    expect(lead.source.slice(lead.sentences[0]!.start, lead.sentences[0]!.end).endsWith('giai đoạn 2016 – 2020.')).toBe(true);
  });

  it('brings NFD input back as NFC and says so', async () => {
    const result = await intake({ text: sample.normalize('NFD') });
    expect(result.segments.map((s) => s.source)).toEqual(articleLines);
    expect(result.segments.every((s) => s.source === s.source.normalize('NFC'))).toBe(true);
    expect(result.conversions).toEqual(['Unicode NFD -> NFC']);
  });

  it.each([
    { name: 'TCVN3 pasted text', input: () => ({ text: bytes('hoabinh-doi-ngoai-2020.tcvn3-mojibake.txt').toString('utf8') }), format: 'text', conversions: ['TCVN3 (ABC) -> Unicode'] },
    { name: 'TCVN3 8-bit .txt file', input: () => ({ file: { name: 'bai-bao.TXT', data: bytes('hoabinh-doi-ngoai-2020.tcvn3.txt') } }), format: 'txt', conversions: ['TCVN3 (ABC) -> Unicode'] },
    { name: 'VNI pasted text', input: () => ({ text: bytes('hoabinh-doi-ngoai-2020.vni-mojibake.txt').toString('utf8') }), format: 'text', conversions: ['VNI -> Unicode'] },
    { name: 'UTF-8 .txt with BOM', input: () => ({ file: { name: 'a.txt', data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('hoabinh-doi-ngoai-2020.txt')]) } }), format: 'txt', conversions: [] },
    { name: 'UTF-16LE .txt with BOM', input: () => ({ file: { name: 'a.txt', data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]) } }), format: 'txt', conversions: ['UTF-16LE -> UTF-8'] },
    { name: 'HTML page', input: () => ({ html }), format: 'html', conversions: [] },
    { name: 'HTML upload by MIME type', input: () => ({ file: { name: 'trang', data: Buffer.from(html), mime: 'text/html; charset=utf-8' } }), format: 'html', conversions: [] },
  ])('$name gives the same segments', async ({ input, format, conversions }) => {
    const result = await intake(input());
    expect(result.format).toBe(format);
    expect(result.conversions).toEqual(conversions);
    expect(result.segments.map((s) => s.kind)).toEqual(EXPECTED_KINDS);
    expect(result.segments.map((s) => s.source)).toEqual(articleLines);
  });

  it('takes the h1 as the title of an HTML page and lists what readability dropped', async () => {
    const result = await intake({ html });
    expect(result.title).toBe('Tăng cường công tác đối ngoại giai đoạn 2016 – 2020');
    expect(result.removed.map((r) => r.text)).toEqual(expect.arrayContaining(['Các tin khác', 'Trang chủ']));
    expect(result.removed.map((r) => r.position)).toEqual([...result.removed.map((r) => r.position)].sort((a, b) => a - b));
  });

  it('reads a .docx of the sample, old TCVN3 Word files too, into the same body segments', async () => {
    const lines = articleLines.map((text) => ({ text }));
    const docx = await intake({ file: { name: 'bai.docx', data: await makeDocx([{ text: 'Đối ngoại Hòa Bình', style: 'title' }, ...lines]) } });
    expect(docx.format).toBe('docx');
    expect(docx.title).toBe('Đối ngoại Hòa Bình');
    expect(body(docx)).toEqual(body(await intake({ text: sample })));

    const tcvn3 = bytes('hoabinh-doi-ngoai-2020.tcvn3-mojibake.txt').toString('utf8');
    // Split by hand: normalising would drop the soft hyphens that stand for "ư" in TCVN3.
    const oldLines = tcvn3.slice(0, tcvn3.indexOf('C¸c tin kh¸c')).split('\n').map((l) => l.replace(/^[\s\u00a0]+|[\s\u00a0]+$/gu, '')).filter((l) => l !== '').map((text) => ({ text }));
    const old = await intake({ file: { name: 'cu.docx', data: await makeDocx(oldLines) } });
    expect(old.conversions).toEqual(['TCVN3 (ABC) -> Unicode']);
    expect(body(old)).toEqual(body(docx));
  });
});

describe('intake of other shapes of text', () => {
  it('takes a typed headline as the title and keeps it as a heading segment', async () => {
    const result = await intake({ text: 'Hòa Bình đẩy mạnh đối ngoại\n\n' + sample });
    expect(result.title).toBe('Hòa Bình đẩy mạnh đối ngoại');
    expect(result.segments[0]).toMatchObject({ index: 0, kind: 'heading', source: 'Hòa Bình đẩy mạnh đối ngoại' });
    expect(result.segments[1]!.kind).toBe('lead');
  });

  it('cuts a related-news box in the middle and keeps the article around it, with input positions', async () => {
    const lines = articleLines.slice(0, 3).concat(['Tin liên quan', 'Hòa Bình đón đoàn Yamanashi', 'Hợp tác với Lào'], articleLines.slice(3));
    const result = await intake({ text: lines.join('\n\n') });
    expect(result.segments.map((s) => s.source)).toEqual(articleLines);
    expect(result.removed.map((r) => [r.position, r.text])).toEqual([
      [3, 'Tin liên quan'],
      [4, 'Hòa Bình đón đoàn Yamanashi'],
      [5, 'Hợp tác với Lào'],
    ]);
  });

  it('reads English text as one lead and a paragraph, with no conversion', async () => {
    const result = await intake({ text: 'The province signed a memorandum with Yamanashi.\n\nTrade grew by 57% in 2019.' });
    expect(result.segments.map((s) => [s.kind, s.source])).toEqual([
      ['lead', 'The province signed a memorandum with Yamanashi.'],
      ['paragraph', 'Trade grew by 57% in 2019.'],
    ]);
    expect(result.conversions).toEqual([]);
    expect(result.title).toBe('The province signed a memorandum with Yamanashi.');
  });
});

describe('intake refuses what it cannot use, with coded errors', () => {
  it.each([
    { name: 'empty text', input: { text: '' }, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'whitespace and NBSP only', input: { text: ' \n\u00a0\t\n' }, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'nothing sent', input: {}, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'only boilerplate', input: { text: 'Chia sẻ | Facebook\nBình luận\nTừ khóa: đối ngoại' }, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'HTML with no text', input: { html: '<div><img src="a.jpg"></div>' }, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'empty .txt file', input: { file: { name: 'a.txt', data: Buffer.alloc(0) } }, code: 'ERR_INPUT_EMPTY', status: 400 },
    { name: 'binary with NUL bytes', input: { file: { name: 'a.txt', data: Buffer.from([0x48, 0x00, 0x01, 0x02, 0xff, 0x00]) } }, code: 'ERR_INPUT_BINARY', status: 415 },
    { name: 'a PNG named .txt', input: { file: { name: 'a.txt', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) } }, code: 'ERR_INPUT_BINARY', status: 415 },
    { name: 'control characters', input: { file: { name: 'a.txt', data: Buffer.from('ab\x01\x02\x03\x04cd') } }, code: 'ERR_INPUT_BINARY', status: 415 },
    { name: 'invalid UTF-8 that is not Vietnamese', input: { file: { name: 'a.txt', data: Buffer.from([0x41, 0xe9, 0x41, 0xff, 0xfe, 0x42]) } }, code: 'ERR_INPUT_BINARY', status: 415 },
    { name: 'an old .doc', input: { file: { name: 'a.doc', data: Buffer.from('x') } }, code: 'ERR_INPUT_UNSUPPORTED_TYPE', status: 415 },
    { name: 'a PDF', input: { file: { name: 'a.pdf', data: Buffer.from('%PDF-1.4') } }, code: 'ERR_INPUT_UNSUPPORTED_TYPE', status: 415 },
    { name: 'a broken .docx', input: { file: { name: 'a.docx', data: Buffer.from('not a zip') } }, code: 'ERR_INPUT_MALFORMED', status: 400 },
  ])('$name -> $code', async ({ input, code, status }) => {
    await expect(intake(input)).rejects.toMatchObject({ code, statusCode: status });
  });

  it('says what to do in the message', async () => {
    await expect(intake({ text: 'Chia sẻ | Facebook\nBình luận' })).rejects.toThrow(
      'The document is empty: everything in it looks like web-page boilerplate (2 pieces, the first "Chia sẻ | Facebook")',
    );
    await expect(intake({ file: { name: 'a.doc', data: Buffer.from('x') } })).rejects.toThrow('Unsupported file type .doc: upload .txt, .html or .docx');
    await expect(intake({ text: '  ' })).rejects.toThrow('The document is empty: no text was sent');
  });
});
