/**
 * Whether a word is shaped like a Vietnamese syllable: onset, vowel nucleus, coda and at most one tone mark.
 * Used to tell legacy-encoding mojibake from real text without a dictionary. Pure; imports nothing.
 */

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const ONSET = '(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?';
/** Every toneless vowel nucleus of the language, longest first so the alternation prefers them. */
const NUCLEI = [
  'uyê', 'ươi', 'ươu', 'uôi', 'iêu', 'yêu', 'oai', 'oay', 'oao', 'oeo', 'uây', 'uya', 'uyu',
  'ai', 'ao', 'au', 'âu', 'ay', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
];
const CODA = '(?:ch|nh|ng|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}(?:${NUCLEI.join('|')})${CODA}$`, 'u');

/**
 * True when `word` (letters only, any case, NFC or NFD) could be one Vietnamese syllable.
 * It checks shape, not meaning: "céng" passes, "ceang", "mỹller" and "b¶o" do not.
 * @example isVietnameseSyllable('Nghiệp') // true
 */
export function isVietnameseSyllable(word: string): boolean {
  const d = word.toLowerCase().normalize('NFD');
  const tones = d.match(TONES);
  if (tones && tones.length > 1) return false;
  const base = (tones ? d.replace(TONES, '') : d).normalize('NFC');
  return SYLLABLE.test(base);
}
