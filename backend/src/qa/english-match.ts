/**
 * Finding an English phrase in a translation regardless of case, simple inflection, British/American spelling and
 * hyphenation: "Provincial People's Committees" contains "Provincial People's Committee". Pure.
 */

const ARTICLES = new Set(['the', 'a', 'an']);

/** A crude stem that is enough to compare termbase phrases: plural, possessive, -ise/-ize, -our/-or, -ce/-se. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size > 50_000) stems.clear();
    stems.set(word, (s = computeStem(word)));
  }
  return s;
}

const stems = new Map<string, string>();

// Plurals that no suffix rule undoes: "memoranda of understanding" is the plural of the termbase's "memorandum".
const IRREGULAR: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  memoranda: 'memorandum', criteria: 'criterion', phenomena: 'phenomenon', curricula: 'curriculum', fora: 'forum',
  men: 'man', women: 'woman', chairmen: 'chairman', chairwomen: 'chairwoman', congressmen: 'congressman',
});

function computeStem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '').replace(/['’]$/, '');
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  w = w.replace(/isation/g, 'ization').replace(/is(e|ed|es|ing)$/, 'iz$1').replace(/our$/, 'or').replace(/ence$/, 'ense');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && /(ss|us|is)$/.test(w)) return w;
  if (w.length > 3 && /(ches|shes|xes|ses)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s')) return w.slice(0, -1);
  return w;
}

export interface Word {
  stem: string;
  start: number;
  end: number;
}

/** Words of an English text with their stems and offsets. */
export function englishWords(text: string): Word[] {
  return [...text.normalize('NFC').matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?['’]?/gu)].map((m) => ({ stem: stem(m[0]), start: m.index, end: m.index + m[0].length }));
}

/** The phrase as stems, without a leading article ("the Central Committee" is found as "Central Committee"). */
export function phraseStems(phrase: string): string[] {
  let out = phrases.get(phrase);
  if (!out) {
    const stems = englishWords(phrase).map((w) => w.stem);
    out = ARTICLES.has(stems[0] ?? '') && stems.length > 1 ? stems.slice(1) : stems;
    if (phrases.size > 20_000) phrases.clear();
    phrases.set(phrase, out);
  }
  return out;
}

// Termbase renderings are checked against every segment: their stems are computed once.
const phrases = new Map<string, string[]>();

const COORDINATORS = new Set(['and', 'or', 'as', 'well']);
const MAX_CONJUNCT = 5;

function matchesAt(words: Word[], at: number, stems: string[]): boolean {
  if (at < 0 || at + stems.length > words.length) return false;
  for (let k = 0; k < stems.length; k++) if (words[at + k]!.stem !== stems[k]) return false;
  return true;
}

/**
 * A phrase whose head is shared with a coordinated name: "Luang Prabang Province" in "Luang Prabang and Houaphanh
 * provinces" or "the provinces of Luang Prabang and Houaphanh". Only across a short run of words holding "and"/"or".
 */
function findCoordinated(words: Word[], stems: string[]): { start: number; end: number } | null {
  const head = stems.at(-1)!;
  const modifier = stems.slice(0, -1);
  const coordinated = (from: number, to: number) => to - from <= MAX_CONJUNCT && words.slice(from, to).some((w) => COORDINATORS.has(w.stem));
  for (let i = 0; i < words.length; i++) {
    if (!matchesAt(words, i, modifier)) continue;
    const after = i + modifier.length;
    for (let h = after + 1; h <= after + MAX_CONJUNCT && h < words.length; h++) {
      if (words[h]!.stem === head && coordinated(after, h)) return { start: words[i]!.start, end: words[h]!.end };
    }
    // "the provinces of Houaphanh and Luang Prabang": the head, "of", then the names.
    for (let h = i - 2; h >= Math.max(0, i - 2 - MAX_CONJUNCT); h--) {
      if (words[h]!.stem === head && words[h + 1]!.stem === 'of' && (h + 2 === i || coordinated(h + 2, i))) return { start: words[h]!.start, end: words[after - 1]!.end };
    }
  }
  return null;
}

/** Where the phrase occurs in `words`, or null; a phrase with a shared head may be found coordinated. */
export function findPhrase(allWords: Word[], allStems: string[]): { start: number; end: number } | null {
  // "import and export" and "import-export" are the same rendering: "and" is ignored on both sides.
  const words = allWords.filter((w) => w.stem !== 'and');
  const stems = allStems.filter((s) => s !== 'and');
  if (stems.length === 0) return null;
  for (let i = 0; i + stems.length <= words.length; i++) {
    if (matchesAt(words, i, stems)) return { start: words[i]!.start, end: words[i + stems.length - 1]!.end };
  }
  return stems.length >= 2 && !allStems.includes('and') ? findCoordinated(allWords, stems) : null;
}
