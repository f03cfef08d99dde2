/**
 * Article-level consistency: the same source rendered differently across segments. Two signals that need no model:
 * a repeated source sentence translated two ways, and a Vietnamese name written sometimes with diacritics and
 * sometimes without ("Hòa Bình" here, "Hoa Binh" there). Termbase drift is the terminology check's job. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import { matchKey } from '../text/normalise.ts';
import { QA } from './codes.ts';

export interface QaSegment {
  source: string;
  translation: string | null;
}

const squash = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const stripped = new Map<string, string>();
/** A name without diacritics ("Hòa Bình" -> "Hoa Binh"); names repeat, so each is computed once. */
function strip(s: string): string {
  let out = stripped.get(s);
  if (out === undefined) {
    if (stripped.size > 10_000) stripped.clear();
    stripped.set(s, (out = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')));
  }
  return out;
}
const VI_MARK = /[đĐ]|[\u0300-\u036f]/u;
/** Two or more capitalised syllables, at least one with Vietnamese marks: a personal or place name. */
const NAME = /(?<!\p{L})\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)+(?!\p{L})/gu;

function sourceNames(source: string): string[] {
  return [...source.normalize('NFC').matchAll(NAME)].map((m) => m[0]).filter((n) => VI_MARK.test(n.normalize('NFD')));
}

/**
 * Issues per segment (same order as `segments`) for inconsistencies across the article.
 * @example checkConsistency([{source: 'Tỉnh Hòa Bình', translation: 'Hòa Bình'}, {source: 'Hòa Bình', translation: 'Hoa Binh'}])
 */
export function checkConsistency(segments: readonly QaSegment[]): QaIssue[][] {
  const out: QaIssue[][] = segments.map(() => []);
  const firstBySource = new Map<string, number>();
  segments.forEach((s, i) => {
    if (!s.translation) return;
    // Repeats are copies, so a cheap key is enough here; matchKey's tone unification is not needed.
    const key = s.source.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    const first = firstBySource.get(key);
    if (first === undefined) firstBySource.set(key, i);
    else if (squash(segments[first]!.translation!) !== squash(s.translation)) {
      out[i]!.push({ code: QA.INCONSISTENT, severity: 'warning', message: `The same source as segment ${first + 1} is translated differently`, params: { variant: 'source', segment: first + 1 }, span: null });
    }
  });

  // For each name: which segments wrote it with marks, which without; the minority form is flagged.
  const forms = new Map<string, { marked: number[]; plain: { seg: number; start: number; end: number }[]; name: string }>();
  segments.forEach((s, i) => {
    if (!s.translation) return;
    const t = s.translation.normalize('NFC');
    // Without any Vietnamese mark the translation can only hold the plain form of a name.
    const tKey = VI_MARK.test(t.normalize('NFD')) ? matchKey(t) : '';
    for (const run of sourceNames(s.source)) {
      // A sentence-initial word is capitalised too: "Người Hòa Bình" may be the name "Hòa Bình".
      const words = run.split(/\s+/);
      for (const name of words.length > 2 ? [run, words.slice(1).join(' ')] : [run]) {
        const key = matchKey(name);
        const marked = tKey !== '' && tKey.includes(key);
        const at = marked ? -1 : t.indexOf(strip(name));
        if (!marked && at < 0) continue;
        const f = forms.get(key) ?? { marked: [], plain: [], name };
        forms.set(key, f);
        if (marked) f.marked.push(i);
        else f.plain.push({ seg: i, start: at, end: at + strip(name).length });
        break;
      }
    }
  });
  for (const f of forms.values()) {
    if (f.marked.length === 0 || f.plain.length === 0) continue;
    // The more frequent spelling wins; on a tie, the one the article used first.
    const plainLoses = f.plain.length !== f.marked.length ? f.plain.length < f.marked.length : f.marked[0]! < f.plain[0]!.seg;
    if (plainLoses) {
      for (const p of f.plain) out[p.seg]!.push({ code: QA.INCONSISTENT, severity: 'warning', message: `"${strip(f.name)}" is written "${f.name}" elsewhere in the article`, params: { variant: 'name', found: strip(f.name), other: f.name }, span: { side: 'translation', start: p.start, end: p.end } });
    } else {
      for (const seg of new Set(f.marked)) out[seg]!.push({ code: QA.INCONSISTENT, severity: 'warning', message: `"${f.name}" is written "${strip(f.name)}" elsewhere in the article`, params: { variant: 'name', found: f.name, other: strip(f.name) }, span: null });
    }
  }
  return out;
}
