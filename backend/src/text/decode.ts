/**
 * Bytes of an uploaded text file to a string: UTF-8 (with or without BOM), UTF-16 with a BOM, or 8-bit bytes
 * that may be a legacy Vietnamese encoding. Binary files are refused with a message a person can act on.
 * Pure; imports only errors.ts.
 */
import { Errors } from '../errors.ts';

export type FileEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export interface DecodedFile {
  text: string;
  encoding: FileEncoding;
}

/** Files people upload by mistake, told apart by their first bytes so the message can say what to do. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'it is a PDF; copy the text out of it or upload the original .docx' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'it is a ZIP archive (a .docx has this form: upload it with its .docx name)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'it is an old Word .doc file; open it in Word and save it as .docx' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'it is a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'it is a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'it is a GIF image' },
];
/** Control characters other than tab, line feed, form feed and carriage return. */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/gu;
const MAX_CONTROL_RATIO = 0.01;

// Node's TextDecoder reads 'windows-1252' as ISO-8859-1, so bytes 0x80-0x9F (curly quotes, dashes, ellipsis in
// old Word text) would become C1 controls; U+0085 would even split a line. Map them as Windows-1252 does.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/gu;
const fromWindows1252 = (data: Uint8Array) =>
  new TextDecoder('latin1').decode(data).replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

function refuseControl(text: string): string {
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls / text.length > MAX_CONTROL_RATIO) {
    throw new Errors.BinaryInput(`${controls} control characters in ${text.length}; save the document as plain text (UTF-8) and upload it again`);
  }
  return text;
}

/**
 * Decode a text file. Invalid UTF-8 without NUL bytes is read as Windows-1252 so that old TCVN3/VNI files can be
 * detected and converted; the caller refuses it if it turns out not to be Vietnamese.
 * @throws ERR_INPUT_BINARY for NUL bytes, known binary formats, or many control characters
 */
export function decodeTextFile(data: Uint8Array): DecodedFile {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return { text: refuseControl(new TextDecoder('utf-8').decode(data.subarray(3))), encoding: 'UTF-8' };
  if (startsWith(data, [0xff, 0xfe])) return { text: refuseControl(new TextDecoder('utf-16le').decode(data.subarray(2))), encoding: 'UTF-16LE' };
  if (startsWith(data, [0xfe, 0xff])) return { text: refuseControl(new TextDecoder('utf-16be').decode(data.subarray(2))), encoding: 'UTF-16BE' };
  const magic = MAGIC.find((m) => startsWith(data, m.bytes));
  if (magic) throw new Errors.BinaryInput(magic.what);
  if (data.includes(0)) throw new Errors.BinaryInput('it contains NUL bytes, so it is a binary file and not plain text');
  try {
    return { text: refuseControl(new TextDecoder('utf-8', { fatal: true }).decode(data)), encoding: 'UTF-8' };
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('ERR_INPUT')) throw err;
    return { text: refuseControl(fromWindows1252(data)), encoding: 'Windows-1252' };
  }
}
