import { describe, expect, it } from 'vitest';
import { decodeTextFile } from './decode.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeTextFile', () => {
  it.each([
    { name: 'UTF-8', data: new TextEncoder().encode('Hòa Bình'), text: 'Hòa Bình', encoding: 'UTF-8' },
    { name: 'UTF-8 with BOM', data: bytes(0xef, 0xbb, 0xbf, 0x41), text: 'A', encoding: 'UTF-8' },
    { name: 'UTF-16LE with BOM', data: bytes(0xff, 0xfe, 0x48, 0x00, 0xf2, 0x00), text: 'Hò', encoding: 'UTF-16LE' },
    { name: 'UTF-16BE with BOM', data: bytes(0xfe, 0xff, 0x00, 0x48, 0x00, 0xf2), text: 'Hò', encoding: 'UTF-16BE' },
    { name: 'TCVN3 bytes as Windows-1252, dash and ellipsis mapped', data: bytes(0x42, 0xb6, 0x6f, 0x20, 0x96, 0x20, 0x85), text: 'B¶o – …', encoding: 'Windows-1252' },
    { name: 'empty', data: bytes(), text: '', encoding: 'UTF-8' },
  ])('$name', ({ data, text, encoding }) => {
    expect(decodeTextFile(data)).toEqual({ text, encoding });
  });

  it.each([
    { name: 'NUL bytes', data: bytes(0x41, 0x00, 0x42), message: 'The upload is not text: it contains NUL bytes, so it is a binary file and not plain text' },
    { name: 'a ZIP (a .docx renamed)', data: bytes(0x50, 0x4b, 0x03, 0x04, 0x14), message: 'The upload is not text: it is a ZIP archive (a .docx has this form: upload it with its .docx name)' },
    { name: 'an old .doc', data: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1), message: 'The upload is not text: it is an old Word .doc file; open it in Word and save it as .docx' },
    { name: 'a PDF', data: new TextEncoder().encode('%PDF-1.7'), message: 'The upload is not text: it is a PDF; copy the text out of it or upload the original .docx' },
    { name: 'control characters', data: bytes(0x41, 0x01, 0x02, 0x03, 0x42), message: 'The upload is not text: 3 control characters in 5; save the document as plain text (UTF-8) and upload it again' },
  ])('refuses $name', ({ data, message }) => {
    expect(() => decodeTextFile(data)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_BINARY', message }));
  });
});
