import { describe, expect, it } from 'vitest';
import { decodeText, decodeXml, looksLikeXml, sniffEncoding } from './decode.ts';

const utf16 = (s: string, be = false, bom = true) => {
  const le = Buffer.from(s, 'utf16le');
  const body = be ? Buffer.from(le.map((_, i) => le[i ^ 1]!)) : le;
  return bom ? Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
};

describe('decoding interchange files', () => {
  it.each([
    { name: 'UTF-8 with BOM', bytes: Buffer.from('\uFEFFvi,en\nHòa Bình,Hoa Binh'), want: { encoding: 'utf-8', bom: 3 } },
    { name: 'UTF-16LE with BOM', bytes: utf16('vi,en'), want: { encoding: 'utf-16le', bom: 2 } },
    { name: 'UTF-16BE with BOM', bytes: utf16('vi,en', true), want: { encoding: 'utf-16be', bom: 2 } },
    { name: 'UTF-16LE without BOM, by its NULs', bytes: utf16('vi,en\nHòa Bình', false, false), want: { encoding: 'utf-16le', bom: 0 } },
    { name: 'UTF-16BE without BOM, by its NULs', bytes: utf16('vi,en\nHòa Bình', true, false), want: { encoding: 'utf-16be', bom: 0 } },
    { name: 'UTF-8 without BOM: nothing to sniff', bytes: Buffer.from('vi,en\nHòa Bình'), want: null },
  ])('sniffs $name', ({ bytes, want }) => expect(sniffEncoding(bytes)).toEqual(want));

  it('decodes UTF-16 text and refuses NULs, U+FFFD and bytes that are not UTF-8, each with the reason', () => {
    expect(decodeText(utf16('vi\ten\r\nSở Y tế\tDepartment of Health'))).toBe('vi\ten\r\nSở Y tế\tDepartment of Health');
    expect(() => decodeText(Buffer.from('vi,en\nH\u0000a'))).toThrow(expect.objectContaining({ code: 'ERR_INTERCHANGE_ENCODING', message: expect.stringContaining('NUL characters from line 2') }));
    expect(() => decodeText(Buffer.from([0x76, 0x69, 0x0a, 0x48, 0xf2, 0x61]))).toThrow(expect.objectContaining({ code: 'ERR_INTERCHANGE_ENCODING', message: expect.stringContaining('not UTF-8') }));
  });

  it('decodes XML by its BOM or its declaration', () => {
    expect(decodeXml(utf16('<?xml version="1.0" encoding="UTF-16"?><tmx/>', true))).toBe('<?xml version="1.0" encoding="UTF-16"?><tmx/>');
    expect(decodeXml(Buffer.from([...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><p>Caf'), 0xe9, ...Buffer.from('</p>')]))).toContain('<p>Café</p>');
    expect(() => decodeXml(Buffer.from('<?xml version="1.0" encoding="x-unknown"?><p/>'))).toThrow(expect.objectContaining({ code: 'ERR_INTERCHANGE_ENCODING' }));
    expect(() => decodeXml(Buffer.from([...Buffer.from('<?xml version="1.0"?><p>Caf'), 0xe9, ...Buffer.from('</p>')]), 'TMX file')).toThrow(
      expect.objectContaining({ code: 'ERR_INTERCHANGE_ENCODING', message: 'The TMX file is not UTF-8 text, and its XML declaration names no other encoding: export it again as UTF-8 or UTF-16, or declare its encoding' }),
    );
  });

  it.each([
    ['<?xml version="1.0"?><martif/>', true],
    ['<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n<martif>', true],
    ['<!-- memoQ export --><tbx>', true],
    ['  <martif type="TBX">', true],
    ['vi,en\n<b>,bold', false],
    ['vi;en', false],
  ])('looksLikeXml(%j) is %s', (text, want) => expect(looksLikeXml(text)).toBe(want));
});
