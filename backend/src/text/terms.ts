/**
 * Termbase entries and matching them in Vietnamese text.
 *
 * Matching works on syllable tokens keyed like `matchKey`: NFC, lower case, and the tone mark moved to one place, so
 * "hòa" (old placement) and "hoà" (new) meet while "Hòa" and "Hoa" stay apart. Abbreviations ("BTV Tỉnh ủy",
 * "UBND tỉnh", "T.Ư") are extra patterns of their entry; their capitalised tokens must match case exactly, because
 * a lower-case "ngo" or "mou" is a different word. Pure; imports only text/ modules.
 */
import { readCsv, toCsv, type CsvDelimiter } from './csv.ts';
import { lowerKey, toneKey } from './normalise.ts';

export interface TermEntry {
  id: string;
  vi: string;
  en: string;
  abbr?: string;
  note?: string;
  /** English renderings that must not be used for this term. */
  forbidden: string[];
  caseSensitive: boolean;
  /** ISO dates (yyyy-mm-dd), inclusive: names of provinces and ministries changed over time. */
  validFrom?: string;
  validTo?: string;
  domain?: string;
}

export interface TermMatch {
  entry: TermEntry;
  /** UTF-16 offsets into the matched text. */
  start: number;
  end: number;
  /** The text as it appears in the input. */
  matched: string;
  /** Whether the full Vietnamese term or its abbreviation matched. */
  form: 'term' | 'abbr';
}

interface Token {
  key: string;
  /** Tone-unified but case kept, for case-sensitive comparison. */
  cased: string;
  start: number;
  end: number;
  /** How this token joins the previous one: ' ', '-', '.', '/' or '|' (no join: comma, bracket, sentence end). */
  gap: string;
  /** Joined to the previous token with no space ("12-NQ/TU", "KT-XH"): a term may not start here. */
  tight: boolean;
}

interface Pattern {
  entry: TermEntry;
  form: 'term' | 'abbr';
  tokens: Token[];
  /** Per token: the cased form it must equal, or null when any case will do. */
  exact: (string | null)[];
}

/** Patterns keyed by first token, then (for longer ones) second token: a big termbase shares first syllables a lot. */
interface Bucket {
  single: Pattern[];
  bySecond: Map<string, Pattern[]>;
}

export interface TermIndex {
  entries: readonly TermEntry[];
  byFirst: Map<string, Bucket>;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function gapKind(gap: string): string {
  if (gap === ' ' || /^\s+$/.test(gap)) return ' ';
  if (/^\s*[-\u2010-\u2015\u2212]\s*$/.test(gap)) return '-';
  if (gap === '.') return '.';
  if (/^\s*\/\s*$/.test(gap)) return '/';
  return '|';
}

// Vietnamese has a few thousand distinct syllables, so keys are cached: normalising each token was most of the time.
const keyCache = new Map<string, string>();
function casedKey(word: string): string {
  let k = keyCache.get(word);
  if (k === undefined) {
    if (keyCache.size > 100_000) keyCache.clear();
    k = toneKey(word);
    keyCache.set(word, k);
  }
  return k;
}

const lowerCache = new Map<string, string>();
function lowerTokenKey(word: string): string {
  let k = lowerCache.get(word);
  if (k === undefined) {
    if (lowerCache.size > 100_000) lowerCache.clear();
    lowerCache.set(word, (k = toneKey(lowerKey(word))));
  }
  return k;
}

function tokenize(raw: string): Token[] {
  const text = raw.normalize('NFC');
  const out: Token[] = [];
  let last = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const cased = casedKey(m[0]);
    const between = last < 0 ? '' : text.slice(last, start);
    const gap = last < 0 ? '|' : gapKind(between);
    const tight = gap !== '|' && gap !== ' ' && !/\s/.test(between);
    out.push({ key: lowerTokenKey(m[0]), cased, start, end: start + m[0].length, gap, tight });
    last = start + m[0].length;
  }
  return out;
}

/** An abbreviation-like token ("UBND", "MoU", "T") must keep its capitals; "tỉnh" or "Tỉnh" may vary. */
function isCapitalised(token: string): boolean {
  return token !== token.toLowerCase() && (token === token.toUpperCase() || /\p{Lu}/u.test(token.slice(1)));
}

function pattern(entry: TermEntry, form: 'term' | 'abbr', surface: string): Pattern | null {
  const tokens = tokenize(surface);
  if (tokens.length === 0) return null;
  const exact = tokens.map((t) => (entry.caseSensitive || isCapitalised(t.cased) ? t.cased : null));
  return { entry, form, tokens, exact };
}

/** Split a list cell: "a | b; c" -> ['a', 'b', 'c']. */
function splitList(cell: string | undefined): string[] {
  return (cell ?? '').split(/[|;]/).map((s) => s.trim()).filter(Boolean);
}

/** Stable id from the Vietnamese term and its English (FNV-1a), so re-importing the same row gives the same id. */
export function termId(vi: string, en: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${tokenize(vi).map((t) => t.key).join(' ')}\u0000${en.trim().toLowerCase()}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `term-${h.toString(16).padStart(8, '0')}`;
}

const COLUMNS: Record<string, keyof TermEntry> = {
  id: 'id', vi: 'vi', en: 'en', abbr: 'abbr', note: 'note', forbidden: 'forbidden', domain: 'domain',
  case_sensitive: 'caseSensitive', casesensitive: 'caseSensitive',
  valid_from: 'validFrom', validfrom: 'validFrom', valid_to: 'validTo', validto: 'validTo',
};

/** A term read from a CSV row, with the columns that had a value (an empty cell never blanks a stored field). */
export interface CsvTerm {
  line: number;
  entry: TermEntry;
  given: (keyof TermEntry)[];
}

export interface CsvSkip {
  line: number;
  reason: string;
}

/**
 * Read a termbase CSV (delimiter detected: comma, semicolon or tab): header `vi,en,abbr,note` with optional `id`,
 * `forbidden` (list split on | or ;), `case_sensitive`, `valid_from`, `valid_to`, `domain`. Without a header the
 * columns are taken as vi,en,abbr,note. Text is NFC. Every row that gives no term is listed with its line and reason.
 * @throws Error when a quote is never closed.
 */
export function readTermsCsv(csv: string): { delimiter: CsvDelimiter; terms: CsvTerm[]; skipped: CsvSkip[] } {
  const { delimiter, rows } = readCsv(csv.normalize('NFC'));
  const head = rows[0]?.fields.map((h) => COLUMNS[h.trim().toLowerCase()]);
  const hasHeader = head?.includes('vi') ?? false;
  const cols = hasHeader ? head! : (['vi', 'en', 'abbr', 'note'] as const);
  const terms: CsvTerm[] = [];
  const skipped: CsvSkip[] = [];
  const width = cols.length;
  for (const { line, fields } of hasHeader ? rows.slice(1) : rows) {
    const get = (k: keyof TermEntry) => {
      const i = (cols as readonly (keyof TermEntry | undefined)[]).indexOf(k);
      const v = i < 0 ? '' : (fields[i] ?? '').trim();
      return v === '' ? undefined : v;
    };
    const vi = get('vi');
    const en = get('en');
    if (!vi || !en) {
      const more = fields.length > width ? ` (the row has ${fields.length} fields for ${width} columns: is a field with a "${delimiter === '\t' ? 'tab' : delimiter}" not quoted?)` : '';
      skipped.push({ line, reason: `no ${!vi ? 'Vietnamese (vi)' : 'English (en)'} term${more}` });
      continue;
    }
    const given: (keyof TermEntry)[] = ['vi', 'en'];
    const entry: TermEntry = { id: get('id') ?? termId(vi, en), vi, en, forbidden: splitList(get('forbidden')), caseSensitive: /^(1|true|yes|y|x)$/i.test(get('caseSensitive') ?? '') };
    if (get('id')) given.push('id');
    if (get('forbidden')) given.push('forbidden');
    if (get('caseSensitive')) given.push('caseSensitive');
    for (const k of ['abbr', 'note', 'validFrom', 'validTo', 'domain'] as const) {
      const v = get(k);
      if (v !== undefined) {
        entry[k] = v;
        given.push(k);
      }
    }
    terms.push({ line, entry, given });
  }
  return { delimiter, terms, skipped };
}

/**
 * The entries of a termbase CSV (see `readTermsCsv`); the same Vietnamese and English twice is one entry, the last
 * row winning.
 * @example parseTermsCsv('vi,en\nTỉnh ủy,Provincial Party Committee')[0].en === 'Provincial Party Committee'
 */
export function parseTermsCsv(csv: string): TermEntry[] {
  const byId = new Map<string, TermEntry>();
  for (const { entry } of readTermsCsv(csv).terms) {
    byId.delete(entry.id);
    byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

/** Write entries as CSV with every column `parseTermsCsv` reads, so export then import gives the same entries. */
export function termsToCsv(entries: readonly TermEntry[]): string {
  const head = ['vi', 'en', 'abbr', 'note', 'forbidden', 'case_sensitive', 'valid_from', 'valid_to', 'domain', 'id'];
  return toCsv([
    head,
    ...entries.map((e) => [e.vi, e.en, e.abbr ?? '', e.note ?? '', e.forbidden.join(' | '), e.caseSensitive ? 'true' : '', e.validFrom ?? '', e.validTo ?? '', e.domain ?? '', e.id]),
  ]);
}

/** Index entries by the key of their first token; build once per termbase version and reuse for every segment. */
export function buildTermIndex(entries: readonly TermEntry[]): TermIndex {
  const byFirst = new Map<string, Bucket>();
  for (const entry of entries) {
    const surfaces: [Pattern['form'], string][] = [['term', entry.vi], ...splitList(entry.abbr).map((a) => ['abbr', a] as [Pattern['form'], string])];
    for (const [form, surface] of surfaces) {
      const p = pattern(entry, form, surface);
      if (!p) continue;
      let bucket = byFirst.get(p.tokens[0]!.key);
      if (!bucket) byFirst.set(p.tokens[0]!.key, (bucket = { single: [], bySecond: new Map() }));
      if (p.tokens.length === 1) bucket.single.push(p);
      else {
        const second = p.tokens[1]!.key;
        bucket.bySecond.set(second, [...(bucket.bySecond.get(second) ?? []), p]);
      }
    }
  }
  return { entries, byFirst };
}

function activeOn(entry: TermEntry, date: string | undefined): boolean {
  if (!date) return true;
  return (!entry.validFrom || entry.validFrom <= date) && (!entry.validTo || date <= entry.validTo);
}

/**
 * Find termbase entries in `text`. Where matches overlap the longest wins ("Bí thư Tỉnh ủy" hides "Tỉnh ủy"), so
 * each stretch of text belongs to at most one entry. Results are in text order.
 * @param options.date ISO date of the document: entries not valid then are ignored.
 */
export function matchTerms(index: TermIndex, text: string, options: { date?: string } = {}): TermMatch[] {
  const nfc = text.normalize('NFC');
  const tokens = tokenize(nfc);
  const found: { p: Pattern; from: number; to: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const bucket = index.byFirst.get(tokens[i]!.key);
    if (!bucket) continue;
    const longer = tokens[i + 1] ? bucket.bySecond.get(tokens[i + 1]!.key) : undefined;
    for (const p of longer ? [...bucket.single, ...longer] : bucket.single) {
      const n = p.tokens.length;
      // "NQ" inside the document code "12-NQ/TU" is not the term: a match may not cut a tightly joined code.
      if (i + n > tokens.length || tokens[i]!.tight || tokens[i + n]?.tight || !activeOn(p.entry, options.date)) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const t = tokens[i + k]!;
        ok = t.key === p.tokens[k]!.key && (p.exact[k] === null || p.exact[k] === t.cased) && (k === 0 || t.gap === p.tokens[k]!.gap);
      }
      if (ok) found.push({ p, from: tokens[i]!.start, to: tokens[i + n - 1]!.end });
    }
  }
  found.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || (a.p.form === 'term' ? -1 : 1));
  // Characters already given to a (longer) match; checking each earlier match instead was quadratic in a long text.
  const taken = new Uint8Array(nfc.length);
  const out: TermMatch[] = [];
  for (const f of found) {
    if (taken.subarray(f.from, f.to).includes(1)) continue;
    taken.fill(1, f.from, f.to);
    out.push({ entry: f.p.entry, start: f.from, end: f.to, matched: nfc.slice(f.from, f.to), form: f.p.form });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The distinct entries that occur in `text`, in order of first occurrence: what a translation prompt should carry. */
export function termsInText(index: TermIndex, text: string, options: { date?: string } = {}): TermEntry[] {
  return [...new Set(matchTerms(index, text, options).map((m) => m.entry))];
}
