/**
 * Bytes of an interchange file to text. Windows tools write UTF-16 with a BOM (Excel "Unicode Text", LibreOffice
 * "Unicode", several CAT tools' XML), spreadsheets write UTF-8 with or without a BOM, and XML may declare its encoding.
 * A file that does not decode cleanly is refused here, before a parser can turn NULs and U+FFFD into terms. Pure.
 */
import { Errors } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | string;

/** The encoding a BOM or a NUL pattern in the first bytes shows, or null when they show none. */
export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // No BOM: ASCII text in UTF-16 has a NUL in every other byte (odd positions for LE, even for BE).
  const n = Math.min(bytes.length, 512) & ~1;
  if (n >= 4) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) even++;
      if (bytes[i + 1] === 0) odd++;
    }
    if (odd > n / 8 && even === 0) return { encoding: 'utf-16le', bom: 0 };
    if (even > n / 8 && odd === 0) return { encoding: 'utf-16be', bom: 0 };
  }
  return null;
}

function decodeAs(bytes: Uint8Array, encoding: string, what: string, xml = false): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new Errors.InterchangeEncoding(`The ${what} declares the encoding "${encoding}", which is not supported: save it as UTF-8`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Errors.InterchangeEncoding(
      encoding !== 'utf-8'
        ? `The ${what} is not valid ${encoding.toUpperCase()} text`
        : xml
          ? `The ${what} is not UTF-8 text, and its XML declaration names no other encoding: export it again as UTF-8 or UTF-16, or declare its encoding`
          : `The ${what} is not UTF-8 text (it may be Windows-1258 or another legacy code page): save it as UTF-8 ("CSV UTF-8" in Excel, "Unicode (UTF-8)" in LibreOffice) and upload it again`,
    );
  }
}

/** Refuse text that decoded but carries NUL or U+FFFD: a wrong guess or a damaged file, never a term or a segment. */
function refuseGarbage(text: string, what: string): string {
  const bad = /[\u0000\ufffd]/.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    throw new Errors.InterchangeEncoding(`The ${what} contains ${bad[0] === '\u0000' ? 'NUL characters' : 'replacement characters (U+FFFD)'} from line ${line}: it was saved in another encoding or is damaged; save it as UTF-8 and upload it again`);
  }
  return text;
}

/** The text of a CSV (or other plain-text) upload: BOM or NUL pattern first, else strict UTF-8. */
export function decodeText(input: string | Uint8Array, what = 'file'): string {
  if (typeof input === 'string') return refuseGarbage(input.replace(/^\uFEFF/, ''), what);
  const sniffed = sniffEncoding(input);
  return refuseGarbage(decodeAs(input.subarray(sniffed?.bom ?? 0), sniffed?.encoding ?? 'utf-8', what), what);
}

/**
 * The text of an XML upload (XML 1.0 appendix F): BOM or NUL pattern first, else the encoding the declaration names
 * (ASCII-readable in every encoding it may name), else UTF-8.
 */
export function decodeXml(input: string | Uint8Array, what = 'XML file'): string {
  if (typeof input === 'string') return refuseGarbage(input.replace(/^\uFEFF/, ''), what);
  const sniffed = sniffEncoding(input);
  if (sniffed) return refuseGarbage(decodeAs(input.subarray(sniffed.bom), sniffed.encoding, what, true), what);
  const head = new TextDecoder('latin1').decode(input.subarray(0, 200));
  const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z][\w.-]*)["']/.exec(head)?.[1]?.toLowerCase();
  // A UTF-16 declaration without a BOM or NULs is a file re-saved as UTF-8 that kept its old declaration.
  const encoding = !declared || declared.startsWith('utf-16') || declared === 'unicode' ? 'utf-8' : declared;
  return refuseGarbage(decodeAs(input, encoding, what, true), what);
}

/** Whether text (decoded) is XML rather than CSV: it starts with a declaration, a comment, a DOCTYPE or an element. */
export function looksLikeXml(text: string): boolean {
  return /^\s*<(\?xml|!--|!DOCTYPE|[\p{L}_][\p{L}\p{N}._:-]*[\s/>])/u.test(text.replace(/^\uFEFF/, ''));
}
