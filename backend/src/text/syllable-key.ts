/**
 * A comparison key for one Vietnamese syllable that ignores where the tone mark was placed.
 * Pure; imports nothing.
 */

/** Grave, acute, tilde, hook above, dot below: the five tone marks (NFC folds U+0340/0341 into the first two). */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Key a syllable so that old and new tone placement agree ("hòa"/"hoà", "thủy"/"thuỷ") while any difference in
 * letters, vowel marks or tone stays a difference ("Hòa" is not "Hoa", "hóa" is not "hòa"). The tone is moved
 * to the end of the syllable; the key is for comparison only, never for display.
 * @param keepCase keep capitals (for case-sensitive terms); by default the key is lower case.
 * @example syllableKey('Hoà') === syllableKey('hòa')
 */
export function syllableKey(syllable: string, keepCase = false): string {
  const d = syllable.normalize('NFD');
  const tones = d.match(TONE);
  const base = (tones ? d.replace(TONE, '') : d).normalize('NFC');
  const key = tones ? base + tones.join('') : base;
  return keepCase ? key : key.toLowerCase();
}
