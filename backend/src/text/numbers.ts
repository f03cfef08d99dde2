/**
 * Quantities in Vietnamese and English text read as values, so a check can compare "790,84 triệu USD" with
 * "USD 790.84 million" instead of digit strings. Pure; imports only dates.ts.
 *
 * Vietnamese writes a decimal comma and dot thousands ("790,84", "1.500"); English the reverse. Where one reading is
 * not certain ("1.500", "272,303" in Vietnamese) every reading is kept in `values`, so a right translation is never
 * flagged because the reader guessed the wrong one.
 */
import { extractWrittenDates, type DateQuantity } from './dates.ts';

export type Lang = 'vi' | 'en';

export interface NumberQuantity {
  kind: 'number';
  /** Every plausible value (scale applied); the first is the likely one. */
  values: number[];
  /** Digits after the decimal separator in the written mantissa: a translation may round to fewer. */
  decimals: number;
  /** The scale word's multiplier (1e6 for "triệu"/"million"), 1 without one. */
  scale: number;
  unit?: 'percent' | 'USD' | 'VND' | 'EUR';
  /** Written as a word, ordinal, Roman numeral or clock time: used to justify, never reported as invented. */
  soft: boolean;
  /** "1/5" read as a fraction may still be the 1st of May: a translation that says so is not inventing a date. */
  asDate?: { day: number; month: number };
  start: number;
  end: number;
  raw: string;
  /** The digit run as written ("790,84"), for numbers written in digits. */
  digits?: string;
}

/** A reference such as "12-NQ/TU" or "Covid-19": kept as written, compared as text. */
export interface CodeQuantity {
  kind: 'code';
  start: number;
  end: number;
  raw: string;
}

export type Quantity = NumberQuantity | DateQuantity | CodeQuantity;
export type { DateQuantity } from './dates.ts';

/** A lookup table without Object.prototype, so a word such as "constructor" is not found in it. */
function dict(entries: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, entries);
}


const SCALE: Record<string, number> = dict({
  nghìn: 1e3, ngàn: 1e3, triệu: 1e6, tỷ: 1e9, tỉ: 1e9, trăm: 100,
  thousand: 1e3, million: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, hundred: 100,
});
const ATTACHED: Record<string, number> = dict({ k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12 });
const UNITS: [RegExp, NonNullable<NumberQuantity['unit']>][] = [
  [/^\s*(?:%|phần trăm|per ?cent|percent)/iu, 'percent'],
  [/^\s*(?:USD|US\$|đô la Mỹ|đô la|dollars?)(?![\p{L}])/iu, 'USD'],
  [/^\s*(?:VND|VNĐ|đồng|dong)(?![\p{L}])/iu, 'VND'],
  [/^\s*(?:EUR|euros?|€)(?![\p{L}])/iu, 'EUR'],
];
const PREFIX_UNIT: [RegExp, NonNullable<NumberQuantity['unit']>][] = [
  [/(?:US\$|\$|USD\s?)$/u, 'USD'],
  [/(?:VND\s?)$/u, 'VND'],
  [/(?:€|EUR\s?)$/u, 'EUR'],
];

const WORDS: Record<string, number> = dict({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, twentieth: 20, thirtieth: 30, hundredth: 100,
  zero: 0, both: 2, twice: 2, pair: 2, double: 2, dozen: 12, half: 0.5, once: 1, single: 1, triple: 3,
});
// "năm" (five / year) and "tư" (four / as in "đầu tư") are left out: read as numbers they would excuse invented ones.
const VI_WORDS: Record<string, number> = dict({
  một: 1, hai: 2, ba: 3, bốn: 4, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10, nửa: 0.5, đôi: 2,
});
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function roman(s: string): number | null {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 200 ? total : null;
}

/** Read a digit run with separators in the conventions of `lang`; returns readings and the decimals of the first. */
export function readDigits(raw: string, lang: Lang): { values: number[]; decimals: number } {
  const seps = raw.replace(/\d/g, '');
  const plain = (s: string) => Number(s.replace(/[.,]/g, ''));
  const dec = (int: string, frac: string) => ({ v: Number(`${int.replace(/[.,]/g, '')}.${frac}`), d: frac.length });
  if (seps === '') return { values: [Number(raw)], decimals: 0 };
  const lastSep = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','));
  const int = raw.slice(0, lastSep);
  const frac = raw.slice(lastSep + 1);
  if (new Set(seps).size === 2) {
    const { v, d } = dec(int, frac);
    return { values: [v], decimals: d };
  }
  if (seps.length > 1) return { values: [plain(raw)], decimals: 0 };
  const three = frac.length === 3;
  const decimalSep = lang === 'vi' ? ',' : '.';
  const { v, d } = dec(int, frac);
  if (seps === decimalSep) return three && lang === 'vi' ? { values: [v, plain(raw)], decimals: d } : { values: [v], decimals: d };
  // A dot before exactly three digits separates thousands in Vietnamese: "1.500 người" is 1,500 people, never 1.5;
  // keeping 1.5 as a reading let an English "1.5" or "1.000" pass as right.
  if (three) return { values: [plain(raw)], decimals: 0 };
  return { values: [v], decimals: d };
}

/**
 * The English spelling of a digit run written in the Vietnamese convention, or null when it is not (or not surely)
 * one: "790,84" -> "790.84", "1.500.000" -> "1,500,000", "1.234,5" -> "1,234.5". A single dot before three digits
 * ("1.500") is also a right English decimal, so it is returned only with `ambiguous` set: the caller decides.
 * @example vietnameseDigits('790,84') // { english: '790.84', ambiguous: false }
 */
export function vietnameseDigits(raw: string): { english: string; ambiguous: boolean } | null {
  const groupThousands = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const m = /^(\d{1,3}(?:\.\d{3})*|\d+),(\d+)$/.exec(raw);
  // A decimal comma: "790,84", "1.234,5". A comma before exactly three digits is an English thousands separator.
  if (m && (m[2]!.length !== 3 || m[1]!.includes('.'))) return { english: `${groupThousands(m[1]!.replace(/\./g, ''))}.${m[2]}`, ambiguous: false };
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(raw)) return { english: groupThousands(raw.replace(/\./g, '')), ambiguous: false };
  if (/^\d{1,3}\.\d{3}$/.test(raw)) return { english: groupThousands(raw.replace('.', '')), ambiguous: true };
  return null;
}

const TOKEN = new RegExp(
  [
    `(?<dmy>(?<![\\p{L}\\p{N}/.-])(?<d>\\d{1,2})[/.-](?<m>\\d{1,2})(?:[/.-](?<y>\\d{4}))?(?![\\p{L}\\p{N}]|[/-][\\p{L}\\p{N}]))`,
    `(?<my>(?<![\\p{L}\\p{N}/])(?<m2>\\d{1,2})/(?<y2>\\d{4})(?![\\p{L}\\p{N}]|[/-][\\p{L}\\p{N}]))`,
    `(?<quarter>(?<![\\p{L}\\p{N}])(?<qr>I{1,3}|IV)/(?<qy>\\d{4})(?![\\p{L}\\p{N}]))`,
    `(?<time>(?<![\\p{L}\\p{N}])(?<h>\\d{1,2})(?:h|giờ|:)(?<min>\\d{2})?(?![\\p{L}\\p{N}]))`,
    `(?<cur>(?<![\\p{L}\\p{N}])(?:USD|VND|EUR)(?=\\d))`,
    `(?<code>[\\p{L}\\p{N}]*(?:\\p{L}\\p{N}|\\p{N}[-/]\\p{Lu}|\\p{L}[-/]\\p{N})[\\p{L}\\p{N}]*(?:[-/.][\\p{L}\\p{N}]+)*)`,
    `(?<num>(?:(?<![\\p{L}\\p{N}])|(?<=(?:USD|VND|EUR)))\\d+(?:[.,]\\d+)*)(?:(?<ord>st|nd|rd|th|s)(?![\\p{L}]))?(?![\\p{N}])`,
  ].join('|'),
  'uy',
);
const WORDCHAR = /[\p{L}\p{N}]/u;
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return false;
  // ASCII letters and digits without a regex; everything else (Vietnamese letters) through the Unicode class.
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return WORDCHAR.test(text[i]!);
}
const isJoiner = (c: string | undefined) => c === '-' || c === '/' || c === '.' || c === ',' || c === ':';

/**
 * The run of letters and digits, with inner joiners ("12-NQ/TU", "Covid-19", "790,84"), around a digit: the only
 * places a digit quantity can start. Found from the digits outward, so plain words cost nothing.
 */
function chunkAround(text: string, i: number): [number, number] {
  let a = i;
  while (isWordChar(text, a - 1) || (isJoiner(text[a - 1]) && isWordChar(text, a - 2))) a--;
  let b = i + 1;
  while (isWordChar(text, b) || (isJoiner(text[b]) && isWordChar(text, b + 1))) b++;
  return [a, b];
}

function overlaps(taken: [number, number][], s: number, e: number): boolean {
  for (const [a, b] of taken) if (s < b && a < e) return true;
  return false;
}

/** "1/3 thời gian" is a third, "ngày 1/3" the first of March: a small proper fraction without a date word before it. */
function isFraction(text: string, start: number, a: number, b: number): boolean {
  return a < b && b <= 10 && !/(ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|mùng|mồng)\s*$/iu.test(text.slice(Math.max(0, start - 8), start));
}

function validDay(d: number, m: number): boolean {
  return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

/**
 * Every quantity in `text`: dates, codes, numbers with scale and unit, and (soft) number words.
 * @example extractQuantities('790,84 triệu USD', 'vi')[0] // {kind: 'number', values: [790840000, ...], unit: 'USD', ...}
 */
export function extractQuantities(text: string, lang: Lang): Quantity[] {
  const out: Quantity[] = [];
  const taken: [number, number][] = [];
  for (const d of extractWrittenDates(text, lang)) {
    out.push(d);
    taken.push([d.start, d.end]);
  }
  for (const m of tokens(text, lang)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    if (g.dmy && !g.y && g.dmy.includes('/') && lang === 'vi' && isFraction(text, start, Number(g.d), Number(g.m))) {
      out.push({ ...soft([Number(g.d) / Number(g.m)], start, end, m[0]), asDate: { day: Number(g.d), month: Number(g.m) } });
    } else if (g.dmy && validDay(Number(g.d), Number(g.m)) && (g.y || g.dmy.includes('/'))) {
      out.push({ kind: 'date', day: Number(g.d), month: Number(g.m), year: g.y ? Number(g.y) : undefined, start, end, raw: m[0] });
    } else if (g.my && Number(g.m2) >= 1 && Number(g.m2) <= 12) {
      out.push({ kind: 'date', month: Number(g.m2), year: Number(g.y2), start, end, raw: m[0] });
    } else if (g.time && (g.min || !m[0].includes(':'))) {
      const h = Number(g.h);
      out.push(soft([h, h > 12 ? h - 12 : h], start, end, m[0]));
      if (g.min && Number(g.min) > 0) out.push(soft([Number(g.min)], start, end, m[0]));
    } else if (g.cur) {
      // "VND1,234 billion": the currency is read as the number's prefix unit; the digits follow as their own token.
    } else if (g.quarter) {
      // "quý I/2020": the first quarter of 2020, not a reference code.
      out.push(soft([roman(g.qr!)!], start, start + g.qr!.length, g.qr!));
      out.push(...readNumber(text, lang, start + g.qr!.length + 1, g.qy!, undefined));
    } else if (g.code) {
      out.push({ kind: 'code', start, end, raw: m[0] });
    } else if (g.num) {
      out.push(...readNumber(text, lang, start, g.num, g.ord));
    } else if (g.word) {
      const q = readWord(text, lang, start, g.word);
      if (q) out.push(q);
    } else if (/^\d+[.,]\d+$/.test(m[0])) {
      // "2.5" or "12.30" looked like d.m but is a decimal.
      out.push(...readNumber(text, lang, start, m[0], undefined));
    } else {
      // A shape like "30/45" or "5-7" that is not a date: read its parts as plain numbers.
      for (const p of m[0].matchAll(/\d+/g)) out.push(...readNumber(text, lang, start + p.index, p[0], undefined));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const casings = (words: string[]) => words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);

const wordAlternation = (words: string[]) => words.sort((a, b) => b.length - a.length).join('|');
// Case-sensitive patterns over every case form: the 'i' flag with Unicode made these scans several times slower.
const EN_NUMBER_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wordAlternation(casings(Object.keys(WORDS)))})(?:-\\p{L}+)?(?![\\p{L}\\p{N}])`, 'gu');
const VI_WORD_FORMS = casings(Object.keys(VI_WORDS));

/**
 * Vietnamese number words and Roman numerals, found with indexOf and a boundary check: a Unicode regex alternation
 * over every case form cost more than the rest of the numbers check.
 */
function viNumberWords(text: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  const bounded = (i: number, len: number) => !isWordChar(text, i - 1) && !isWordChar(text, i + len);
  for (const w of VI_WORD_FORMS) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) if (bounded(i, w.length)) out.push({ word: w, index: i });
  }
  for (const m of text.matchAll(/[IVXLC]+/g)) if (bounded(m.index, m[0].length)) out.push({ word: m[0], index: m.index });
  return out;
}

function fakeMatch(word: string, index: number): RegExpExecArray {
  const m = [word] as unknown as RegExpExecArray;
  m.index = index;
  m.groups = { word };
  return m;
}

/**
 * The quantity-shaped tokens of `text`, in order. The full token pattern is tried only inside chunks around digits
 * and number words are found by their own patterns: running the pattern over every word was most of the QA time.
 */
function tokens(text: string, lang: Lang): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let chunkEnd = -1;
  for (const d of text.matchAll(/\d/g)) {
    if (d.index < chunkEnd) continue;
    const [chunkStart, end] = chunkAround(text, d.index);
    chunkEnd = end;
    for (let at = chunkStart; at < chunkEnd; ) {
      TOKEN.lastIndex = at;
      const m = TOKEN.exec(text);
      if (m) {
        found.push(m);
        at = Math.max(at + 1, m.index + m[0].length);
      } else at++;
    }
  }
  if (lang === 'en') for (const w of text.matchAll(EN_NUMBER_WORD)) found.push(fakeMatch(w[0], w.index));
  else for (const w of viNumberWords(text)) found.push(fakeMatch(w.word, w.index));
  return found.sort((a, b) => a.index - b.index);
}

function soft(values: number[], start: number, end: number, raw: string): NumberQuantity {
  return { kind: 'number', values, decimals: 0, scale: 1, soft: true, start, end, raw };
}

function readNumber(text: string, lang: Lang, start: number, digits: string, suffix: string | undefined): NumberQuantity[] {
  const { values, decimals } = readDigits(digits, lang);
  let end = start + digits.length + (suffix?.length ?? 0);
  let scale = 1;
  const after = text.slice(end, end + 40);
  const sm = /^\s*([\p{L}]+)/u.exec(after);
  const sw = sm?.[1]?.toLowerCase();
  if (sw && SCALE[sw] && !(sw === 'trăm' && /^\s*trăm\s+(năm|ngày)/u.test(after))) {
    scale = SCALE[sw]!;
    end += sm![0].length;
  } else if (lang === 'en' && sw && ATTACHED[sw] && sm![0] === sw) {
    // "£125m", "$2bn": a letter glued to the digits is a scale in English news style.
    scale = ATTACHED[sw]!;
    end += sw.length;
  }
  let unit: NumberQuantity['unit'];
  const rest = text.slice(end, end + 20);
  for (const [re, u] of UNITS) {
    const um = re.exec(rest);
    if (um) {
      unit = u;
      if (u === 'percent') end += um[0].length;
      break;
    }
  }
  const before = text.slice(Math.max(0, start - 5), start);
  for (const [re, u] of PREFIX_UNIT) if (re.test(before)) unit ??= u;
  const ordinal = suffix !== undefined && suffix !== 's';
  // Before a scale word the Vietnamese reading is the one meant: "272,303 triệu" is never 272 billion.
  const readings = scale === 1 ? values : values.slice(0, 1);
  return [{ kind: 'number', values: readings.map((v) => v * scale), decimals, scale, unit, soft: ordinal, start, end, raw: text.slice(start, end), digits }];
}

function readWord(text: string, lang: Lang, start: number, word: string): NumberQuantity | null {
  if (lang === 'vi') {
    if (/^[IVXLC]+$/.test(word) && (word.length > 1 || /(khóa|khoá|quý|lần thứ|Đại hội|kỳ họp|thứ)\s*$/iu.test(text.slice(Math.max(0, start - 12), start)))) {
      const r = roman(word);
      return r === null ? null : soft([r], start, start + word.length, word);
    }
    const v = VI_WORDS[word.toLowerCase()];
    return v === undefined ? null : soft([v], start, start + word.length, word);
  }
  // "twenty-five" is one number; "six-point" is "six" followed by a word.
  const parts = word.toLowerCase().split('-');
  let v = 0;
  let used = word;
  if (parts.every((p) => WORDS[p] !== undefined)) v = parts.reduce((a, p) => a + WORDS[p]!, 0);
  else if (WORDS[parts[0]!] !== undefined && parts.length > 1) {
    v = WORDS[parts[0]!]!;
    used = word.slice(0, parts[0]!.length);
  } else return null;
  const sm = /^\s+(hundred|thousand|million|billion|trillion)\b/i.exec(text.slice(start + used.length, start + used.length + 12));
  const scale = sm ? SCALE[sm[1]!.toLowerCase()]! : 1;
  const end = start + used.length + (sm?.[0].length ?? 0);
  return { ...soft([v * scale], start, end, text.slice(start, end)), scale };
}
