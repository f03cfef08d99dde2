/**
 * The untranslated check: Vietnamese left in the English. A word with Vietnamese letters or tone marks, or a common
 * Vietnamese function word written without accents, is flagged unless it is part of a proper name from the source
 * (names may keep their diacritics, WORKBENCH_NAMES_DIACRITICS) or the termbase's English uses it. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import type { TermIndex } from '../text/terms.ts';
import { toneKey } from '../text/normalise.ts';
import { QA } from './codes.ts';

/** Letters that only Vietnamese uses, in either case, plus the tone-marked vowels. */
const VIETNAMESE = /[đăâêôơưĐĂÂÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
/** Unaccented Vietnamese words that are not English words, as they appear when accents were stripped. */
const FUNCTION_WORDS = new Set(['va', 'cua', 'cac', 'nhung', 'duoc', 'voi', 'trong', 'nguoi', 'tinh', 'huyen', 'viec', 'theo', 'khong', 'cung', 'nhan', 'thuc', 'hien', 'cong', 'tac', 'doi', 'ngoai', 'giao', 'nuoc']);
const FUNCTION_WORD_RE = new RegExp(`(?<!\\p{L})(?:${[...FUNCTION_WORDS].join('|')})(?!\\p{L})`, 'u');
/** Words that name administrative things: capitalised in Vietnamese titles, yet never a name by themselves. */
const COMMON = new Set(['tỉnh', 'ủy', 'uỷ', 'ban', 'sở', 'bộ', 'hội', 'đồng', 'nhân', 'dân', 'huyện', 'xã', 'thành', 'phố', 'đảng', 'nhà', 'nước', 'chủ', 'tịch', 'giám', 'đốc', 'bí', 'thư', 'phó', 'thường', 'vụ', 'nghị', 'quyết', 'định', 'trung', 'ương', 'chính', 'phủ', 'quốc', 'ngoại']);

const allowedByIndex = new WeakMap<TermIndex, Set<string>>();
/** Words of the termbase's English (built once per index): "Töv" there is a name, not an untranslated word. */
function allowedWords(index: TermIndex): Set<string> {
  let set = allowedByIndex.get(index);
  if (!set) {
    set = new Set();
    for (const e of index.entries) for (const w of e.en.normalize('NFC').match(/\p{L}+/gu) ?? []) set.add(w.toLowerCase());
    allowedByIndex.set(index, set);
  }
  return set;
}

/**
 * Flag Vietnamese words in the translation.
 * @example checkUntranslated('Tỉnh ủy họp', 'The Tỉnh ủy met') // one QA_UNTRANSLATED issue
 */
export function checkUntranslated(source: string, translation: string, index?: TermIndex): QaIssue[] {
  // Most translations hold neither a Vietnamese letter nor a stripped function word: skip the word walk for them.
  if (!VIETNAMESE.test(translation) && !FUNCTION_WORD_RE.test(translation)) return [];
  const allowed = index ? allowedWords(index) : new Set<string>();
  // Keyed by toneKey: a name written "Hoà" in the English and "Hòa" in the source is the same name.
  const sourceWords = new Set((source.normalize('NFC').match(/\p{L}+/gu) ?? []).filter((w) => /^\p{Lu}/u.test(w)).map(toneKey));
  const issues: QaIssue[] = [];
  for (const m of translation.normalize('NFC').matchAll(/\p{L}+/gu)) {
    const w = m[0];
    const lower = w.toLowerCase();
    if (allowed.has(lower)) continue;
    const name = /^\p{Lu}/u.test(w) && sourceWords.has(toneKey(w)) && !COMMON.has(lower);
    const flagged = VIETNAMESE.test(w) ? !name : FUNCTION_WORDS.has(w);
    if (flagged) issues.push({ code: QA.UNTRANSLATED, severity: 'warning', message: `"${w}" looks untranslated`, params: { word: w }, span: { side: 'translation', start: m.index, end: m.index + w.length } });
  }
  return merge(issues, translation);
}

/** Adjacent flagged words become one issue ("Tỉnh ủy" is one problem, not two). */
function merge(issues: QaIssue[], text: string): QaIssue[] {
  const out: QaIssue[] = [];
  for (const i of issues) {
    const prev = out.at(-1);
    if (prev?.span && i.span && /^\s*$/.test(text.slice(prev.span.end, i.span.start))) {
      prev.span = { ...prev.span, end: i.span.end };
      const word = text.slice(prev.span.start, prev.span.end);
      prev.message = `"${word}" looks untranslated`;
      prev.params = { word };
    } else out.push({ ...i });
  }
  return out;
}
