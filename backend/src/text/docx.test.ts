import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../test/fixtures/sample-docx.ts';
import { docxToArticle } from './docx.ts';

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
