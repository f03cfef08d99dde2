/**
 * sacreBLEU's BLEU tokenisers (`none`, `13a`, `intl`, `char`), ported rule for rule from sacrebleu 2.6
 * (tokenizers/tokenizer_13a.py, tokenizer_re.py, tokenizer_intl.py, tokenizer_char.py).
 * Each returns the tokenised line as a single space-joined string, as sacreBLEU does.
 */
import { codePoints, pySplit, pyStrip } from './python-text.ts';

export type TokenizerName = 'none' | '13a' | 'intl' | 'char';

// mteval-v13a.pl's rules, in order. The classes are ASCII only, as in sacreBLEU.
const RE_13A: [RegExp, string][] = [
  // language-dependent part (assuming Western languages): { - ~, [ - `, space - &, ( - +, : - @, /
  [/([{-~\[-` -&(-+:-@\/])/gu, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // dash when preceded by a digit
  [/([0-9])(-)/gu, '$1 $2 '],
];

const RE_INTL: [RegExp, string][] = [
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  [/(\p{S})/gu, ' $1 '],
];

/**
 * The mteval-v13a tokeniser that WMT and sacreBLEU use by default.
 * @example tokenize13a("It wasn't 3.5%.") // "It wasn't 3.5 % ."
 */
export function tokenize13a(line: string): string {
  let s = line
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  s = ` ${s} `;
  for (const [re, repl] of RE_13A) s = s.replace(re, repl);
  return pySplit(pyStrip(s)).join(' ');
}

/** mteval-v14's international tokeniser: splits Unicode punctuation and symbols. */
export function tokenizeIntl(line: string): string {
  let s = line;
  for (const [re, repl] of RE_INTL) s = s.replace(re, repl);
  return pySplit(s).join(' ');
}

/** Every code point a token. */
export function tokenizeChar(line: string): string {
  return codePoints(line).join(' ');
}

/** Look up a tokeniser by its sacreBLEU name. */
export function getTokenizer(name: TokenizerName): (line: string) => string {
  switch (name) {
    case 'none':
      return (line) => line;
    case '13a':
      return tokenize13a;
    case 'intl':
      return tokenizeIntl;
    case 'char':
      return tokenizeChar;
    default:
      throw new Error(`Unknown BLEU tokeniser ${JSON.stringify(name)}: use none, 13a, intl or char`);
  }
}
