/**
 * One text convention for everything that enters the workbench, and the matching key shared by terminology and
 * translation memory. Pure; imports nothing.
 */

/** NBSP, Ogham space, en/em/thin/hair spaces, narrow NBSP, medium math space, ideographic space, tab, VT, FF. */
const UNICODE_SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
/** Zero-width space/joiners, word joiner, BOM and the soft hyphen: invisible, and they break matching. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const LINE_BREAKS = /\r\n?|\u2028|\u0085/gu;
const SPACE_RUNS = / {2,}/gu;
const BLANK_RUNS = /\n{3,}/gu;
const WORD = /[\p{L}\p{M}]+/gu;
/** Grave, acute, tilde, hook above, dot below: the five tone marks (NFC folds U+0340/0341 into the first two). */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const WHITESPACE_RUNS = /\s+/gu;

/**
 * Bring text to the house convention: NFC, LF line ends, every Unicode space as a plain space, no zero-width
 * characters, no runs of spaces, trimmed lines, and paragraphs separated by exactly one blank line.
 * Soft hyphens are dropped too, so run legacy-encoding detection first: in TCVN3 mojibake a soft hyphen is "ư".
 * @example normaliseText('Hòa\u00a0\u00a0Bình \r\n\r\n\r\nTỉnh') // 'Hòa Bình\n\nTỉnh'
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(/\u2029/gu, '\n\n')
    .replace(INVISIBLE, '')
    .replace(UNICODE_SPACES, ' ')
    .replace(SPACE_RUNS, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(BLANK_RUNS, '\n\n')
    .trim();
}

/** Normalise one paragraph to a single line (inner line breaks become spaces). */
export function normaliseLine(text: string): string {
  return normaliseText(text).replace(WHITESPACE_RUNS, ' ');
}

/** A line of the input with what stood before it, so layout hints survive normalisation. */
export interface RawParagraph {
  text: string;
  /**
   * The line follows a visual gap: a line holding only invisible or non-breaking spaces (where a web page had an
   * image) or two or more blank lines. Segmentation uses it as a photo-caption and byline signal.
   */
  afterGap: boolean;
}

const NON_PLAIN_SPACE = /[^ \t]/u;

/**
 * Split plain text into paragraphs, one per non-empty line, as text pasted from a web page or typed in an editor
 * arrives. Each paragraph is normalised; lines holding only NBSP or zero-width characters are gaps, not paragraphs.
 * @example splitParagraphs('A\n\u00a0\nB') // [{ text: 'A', afterGap: false }, { text: 'B', afterGap: true }]
 */
export function splitParagraphs(text: string): RawParagraph[] {
  const out: RawParagraph[] = [];
  let blanks = 0;
  let placeholder = false;
  for (const line of text.replace(LINE_BREAKS, '\n').replace(/\u2029/gu, '\n\n').split('\n')) {
    if (line === '' || line.trim() === '') {
      // A line that is not empty but has only NBSP/zero-width characters is a web page's image or spacer.
      if (NON_PLAIN_SPACE.test(line)) placeholder = true;
      blanks++;
      continue;
    }
    const normalised = normaliseLine(line);
    if (normalised === '') {
      placeholder = true;
      continue;
    }
    out.push({ text: normalised, afterGap: out.length > 0 && (placeholder || blanks >= 2) });
    blanks = 0;
    placeholder = false;
  }
  return out;
}

/**
 * Unify tone-mark placement ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe") syllable by syllable, keeping case.
 * For matching only: the result moves each tone mark to the end of its syllable (so it is not itself NFC) and is
 * not meant to be shown or stored as text.
 * @example toneKey('Hoà Bình') === toneKey('Hòa Bình')
 */
export function toneKey(text: string): string {
  return text.normalize('NFC').replace(WORD, (word) => {
    const d = word.normalize('NFD');
    const tones = d.match(TONE);
    // Moving the tone to the end of its syllable makes every placement of it the same key.
    return tones ? d.replace(TONE, '').normalize('NFC') + tones.join('') : word;
  });
}

/** Lower-case with the Vietnamese locale so keys do not depend on the machine's locale. */
export function lowerKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi');
}

/**
 * The key terminology and translation memory compare on: NFC, lower case, tone placement unified, whitespace
 * collapsed and trimmed. Two strings an editor would call "the same words" get the same key.
 * @example matchKey(' Hoà  BÌNH ') === matchKey('hòa bình')
 */
export function matchKey(text: string): string {
  return toneKey(lowerKey(normaliseLine(text)));
}
