import { describe, expect, it } from 'vitest';
import { makeDocx, zipBombDocx } from '../../test/fixtures/sample-docx.ts';
import { DOCX_LIMITS, docxParts, docxToArticle } from './docx.ts';

describe('docxToArticle', () => {
  it('keeps the title, headings, captions and paragraphs of a real .docx', async () => {
    const data = await makeDocx([
      { text: 'Đối ngoại Hòa Bình 2016 – 2020', style: 'title' },
      { text: '(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.' },
      { text: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.', style: 'caption' },
      { text: 'Kinh tế đối ngoại', style: 'heading1' },
      { text: 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD.' },
      { text: '' },
      { text: 'Bình Giang' },
    ]);
    expect(await docxToArticle(data)).toEqual({
      title: 'Đối ngoại Hòa Bình 2016 – 2020',
      paragraphs: [
        { text: '(HBĐT) - Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.', position: 0 },
        { text: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.', kind: 'caption', position: 1 },
        { text: 'Kinh tế đối ngoại', kind: 'heading', position: 2 },
        { text: 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD.', position: 3 },
        { text: 'Bình Giang', position: 4 },
      ],
      warnings: [],
    });
  });

  it('keeps TCVN3 text byte for byte, soft hyphens included, for intake to convert', async () => {
    const data = await makeDocx([{ text: 'M\u00adêng Kh\u00ad¬ng, B¶o Th¾ng' }]);
    expect((await docxToArticle(data)).paragraphs).toEqual([{ text: 'M\u00adêng Kh\u00ad¬ng, B¶o Th¾ng', position: 0 }]);
  });

  it('rejects a buffer that is not a .docx with a coded error', async () => {
    await expect(docxToArticle(Buffer.from('not a zip file'))).rejects.toMatchObject({ code: 'ERR_INPUT_MALFORMED', statusCode: 400 });
  });
});

describe('.docx zip bombs', () => {
  const refused = (message: string) => expect.objectContaining({ code: 'ERR_INTAKE_ZIP_BOMB', statusCode: 413, message: expect.stringContaining(message) });

  it('refuses a 4 MB .docx that inflates to 3.9 GB from its ZIP directory, without inflating it', async () => {
    const bomb = zipBombDocx({ inflatedMb: 3_900 });
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    await expect(docxToArticle(bomb)).rejects.toThrow(refused('its text parts would inflate to 3,900 MB; the limit is 50 MB'));
  });

  it('stops inflating a part whose directory lies about its size', async () => {
    const forged = zipBombDocx({ inflatedMb: 1_000, statedBytes: 10_000 });
    expect(() => docxParts(forged)).toThrow(refused('word/document.xml inflates past the 10000 bytes its ZIP directory states'));
  });

  it('refuses a part that inflates far more than Word XML does', () => {
    expect(() => docxParts(zipBombDocx({ inflatedMb: 20 }))).toThrow(refused('times its compressed size; the limit is 200 times'));
  });

  it('refuses an archive of more entries than a document has', () => {
    expect(() => docxParts(zipBombDocx({ inflatedMb: 1, extraEntries: DOCX_LIMITS.maxEntries }))).toThrow(refused(`entries; the limit is ${DOCX_LIMITS.maxEntries}`));
  });

  it('hands mammoth only the XML parts of a real .docx, and says so when the bytes are no ZIP', async () => {
    const parts = docxParts(await makeDocx([{ text: 'Tỉnh Hòa Bình đẩy mạnh đối ngoại.' }]));
    expect(parts.get('word/document.xml')!.toString('utf8')).toContain('Tỉnh Hòa Bình đẩy mạnh đối ngoại.');
    expect([...parts.keys()].every((n) => /\.(?:xml|rels)$/u.test(n))).toBe(true);
    expect(() => docxParts(Buffer.from('Tỉnh Hòa Bình'))).toThrow(expect.objectContaining({ code: 'ERR_INPUT_MALFORMED' }));
  });
});
