/**
 * Detect and convert Vietnamese text typed in the legacy TCVN3 (ABC) and VNI encodings. Old Word documents and
 * pages set in .VnTime or VNI-Times fonts arrive as Latin-1 mojibake: "TiÕng ViÖt" (TCVN3), "Tieáng Vieät" (VNI).
 * Pure; imports only text/ modules.
 */
import { isVietnameseSyllable } from './vietnamese-syllable.ts';

export type LegacyEncoding = 'TCVN3' | 'VNI';

/** What `detectLegacyEncoding` found: the converted text, or the input unchanged with `encoding: null`. */
export interface LegacyResult {
  text: string;
  encoding: LegacyEncoding | null;
  /** Human label for the conversion, e.g. "TCVN3 (ABC) -> Unicode", or null when nothing was converted. */
  conversion: string | null;
}

export const CONVERSION_LABEL: Record<LegacyEncoding, string> = {
  TCVN3: 'TCVN3 (ABC) -> Unicode',
  VNI: 'VNI -> Unicode',
};

// TCVN 5712:1993 VN3 bytes 0xA1-0xFE read as Latin-1, and the letters they stand for (checked against glibc's
// TCVN5712-1 decoder). Capitals with a tone are not in VN3: ABC fonts draw them from a separate capitals font
// using the lower-case codes, so such text converts to lower case and nothing can recover the capitals.
const TCVN3_FROM = '¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ';
const TCVN3_TO = 'ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ';
const TCVN3 = new Map([...TCVN3_FROM].map((c, i) => [c, [...TCVN3_TO][i]!]));
const TCVN3_CHAR = new RegExp(`[${TCVN3_FROM}]`, 'gu');

// VNI Windows: a base vowel followed by a Latin-1 character that carries the marks.
const VNI_MARKS: Record<string, Record<string, string>> = {
  a: { ù: 'á', ø: 'à', û: 'ả', õ: 'ã', ï: 'ạ', â: 'â', á: 'ấ', à: 'ầ', å: 'ẩ', ã: 'ẫ', ä: 'ậ', ê: 'ă', é: 'ắ', è: 'ằ', ú: 'ẳ', ü: 'ẵ', ë: 'ặ' },
  e: { ù: 'é', ø: 'è', û: 'ẻ', õ: 'ẽ', ï: 'ẹ', â: 'ê', á: 'ế', à: 'ề', å: 'ể', ã: 'ễ', ä: 'ệ' },
  o: { ù: 'ó', ø: 'ò', û: 'ỏ', õ: 'õ', ï: 'ọ', â: 'ô', á: 'ố', à: 'ồ', å: 'ổ', ã: 'ỗ', ä: 'ộ' },
  ô: { ù: 'ớ', ø: 'ờ', û: 'ở', õ: 'ỡ', ï: 'ợ' },
  u: { ù: 'ú', ø: 'ù', û: 'ủ', õ: 'ũ', ï: 'ụ' },
  ö: { ù: 'ứ', ø: 'ừ', û: 'ử', õ: 'ữ', ï: 'ự' },
  y: { ù: 'ý', ø: 'ỳ', û: 'ỷ', õ: 'ỹ' },
};
/** Characters that stand alone for a letter: ơ, ư, đ, and the i/y vowels with a tone. */
const VNI_SINGLE: Record<string, string> = { ô: 'ơ', ö: 'ư', ñ: 'đ', æ: 'ỉ', ó: 'ĩ', ò: 'ị', î: 'ỵ' };
const VNI_PATTERN = /([aeoôuöyAEOÔUÖY])([ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË])|[ôöñæóòîÔÖÑÆÓÒÎ]/gu;

function caseLike(model: string, letter: string): string {
  return model === model.toLowerCase() ? letter : letter.toUpperCase();
}

/** Convert TCVN3 mojibake to Unicode unconditionally. */
export function fromTcvn3(text: string): string {
  return text.replace(TCVN3_CHAR, (c) => TCVN3.get(c) ?? c);
}

/** Convert VNI mojibake to Unicode unconditionally. */
export function fromVni(text: string): string {
  return text.replace(VNI_PATTERN, (whole, base: string | undefined, mark: string | undefined) => {
    if (base && mark) {
      const letter = VNI_MARKS[base.toLowerCase()]?.[mark.toLowerCase()];
      if (letter) return caseLike(base, letter);
      // Not a VNI pair (e.g. "ô" followed by "â"): convert the base alone if it is a letter of its own.
      const single = VNI_SINGLE[base.toLowerCase()];
      return (single ? caseLike(base, single) : base) + fromVni(mark);
    }
    const single = VNI_SINGLE[whole.toLowerCase()];
    return single ? caseLike(whole, single) : whole;
  });
}

const CONVERTERS: Record<LegacyEncoding, (s: string) => string> = { TCVN3: fromTcvn3, VNI: fromVni };

/** Letters that only Unicode Vietnamese has (ă đ ĩ ũ ơ ư, the Latin Extended Additional block, combining marks). */
const UNICODE_VIETNAMESE = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u036f]/u;
const MAYBE_LEGACY = /[\u00a1-\u00ff]/u;
const TOKEN_SPLIT = /\s+/u;
/** Inside a token, split on everything but letters and the Latin-1 symbols that TCVN3 uses as letters. */
const PART_SPLIT = /[^\p{L}\p{M}\u00a1-\u00bf\u00d7\u00f7]+/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/u;
const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u;

/** Every non-ASCII part of a token reads as a Vietnamese syllable. */
function readsAsVietnamese(token: string): boolean {
  return token
    .split(PART_SPLIT)
    .every((part) => ASCII_ONLY.test(part) || (LETTERS_ONLY.test(part) && isVietnameseSyllable(part)));
}

interface Votes {
  /** Words that are not Vietnamese as they stand and become Vietnamese syllables when converted. */
  repaired: number;
  /** Words that are Vietnamese as they stand and stop being so when converted, or Unicode-only letters. */
  broken: number;
}

type Vote = 'repaired' | 'broken' | null;

function voteOf(token: string, convert: (s: string) => string): Vote {
  if (UNICODE_VIETNAMESE.test(token)) return 'broken';
  if (!MAYBE_LEGACY.test(token)) return null;
  const converted = convert(token);
  if (converted === token) return null;
  const before = readsAsVietnamese(token);
  const after = readsAsVietnamese(converted);
  return !before && after ? 'repaired' : before && !after ? 'broken' : null;
}

function vote(tokens: readonly string[], convert: (s: string) => string): Votes {
  const votes: Votes = { repaired: 0, broken: 0 };
  // News text repeats its words ("các", "đối ngoại"), so each distinct token is judged once.
  const seen = new Map<string, Vote>();
  for (const token of tokens) {
    let v = seen.get(token);
    if (v === undefined) seen.set(token, (v = voteOf(token, convert)));
    if (v) votes[v]++;
  }
  return votes;
}

/**
 * Find out whether `text` is TCVN3 or VNI mojibake and convert it. A word votes for an encoding when it is not
 * Vietnamese as written but becomes a Vietnamese syllable once converted ("ViÖt" -> "Việt"); Unicode Vietnamese
 * and English never get such votes, so they come back untouched. In a mixed document only lines with no
 * Unicode-only Vietnamese letters are converted.
 * @example detectLegacyEncoding('TiÕng ViÖt rÊt hay') // { text: 'Tiếng Việt rất hay', encoding: 'TCVN3', ... }
 */
export function detectLegacyEncoding(text: string): LegacyResult {
  const none: LegacyResult = { text, encoding: null, conversion: null };
  if (!MAYBE_LEGACY.test(text)) return none;
  let best: { encoding: LegacyEncoding; repaired: number } | null = null;
  const tokens = text.split(TOKEN_SPLIT);
  for (const encoding of ['TCVN3', 'VNI'] as const) {
    const { repaired, broken } = vote(tokens, CONVERTERS[encoding]);
    // Two repaired words at least, and clearly more repaired than broken: one stray "ü" in a name is not enough.
    if (repaired >= 2 && repaired > 2 * broken && (!best || repaired > best.repaired)) best = { encoding, repaired };
  }
  if (!best) return none;
  return { text: convertLegacy(text, best.encoding), encoding: best.encoding, conversion: CONVERSION_LABEL[best.encoding] };
}

/**
 * Convert text known to be in `encoding`, line by line, leaving lines that already hold Unicode-only Vietnamese
 * letters as they are (a title typed in Unicode above a TCVN3 body).
 */
export function convertLegacy(text: string, encoding: LegacyEncoding): string {
  const convert = CONVERTERS[encoding];
  return text
    .split('\n')
    .map((line) => (UNICODE_VIETNAMESE.test(line) ? line : convert(line)))
    .join('\n');
}
