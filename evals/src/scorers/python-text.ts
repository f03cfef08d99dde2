/**
 * Python `str` behaviour that sacreBLEU relies on, reproduced exactly.
 *
 * sacreBLEU splits with `str.split()` and strips with `str.strip()`, whose notion of whitespace differs from
 * JavaScript's `\s`: Python also counts U+001C..U+001F and U+0085 (NEL), and does not count U+FEFF (BOM).
 * Using `\s` would give different token counts on text pasted from Word or the web.
 */

/** The characters Python's `str.isspace()` accepts (what `str.split()` with no argument splits on). */
const PY_WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPLIT_RE = new RegExp(`[${PY_WS}]+`, 'u');
const LEFT_RE = new RegExp(`^[${PY_WS}]+`, 'u');
const RIGHT_RE = new RegExp(`[${PY_WS}]+$`, 'u');
const ALL_RE = new RegExp(`[${PY_WS}]+`, 'gu');

/**
 * Python `s.split()`: split on runs of whitespace, dropping empty pieces.
 * @example pySplit('  a \u0085b ') // ['a', 'b']
 */
export function pySplit(s: string): string[] {
  const parts = s.split(SPLIT_RE);
  return parts.filter((p) => p !== '');
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEFT_RE, '').replace(RIGHT_RE, '');
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(RIGHT_RE, '');
}

/** Python `''.join(s.split())`: every whitespace character removed. */
export function pyRemoveWhitespace(s: string): string {
  return s.replace(ALL_RE, '');
}

/**
 * The code points of a string. Python indexes strings by code point, JavaScript by UTF-16 unit:
 * an emoji or a rare CJK character must count as one character, as sacreBLEU counts it.
 */
export function codePoints(s: string): string[] {
  return Array.from(s);
}
