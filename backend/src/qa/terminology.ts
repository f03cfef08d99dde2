/**
 * The terminology check: a termbase entry found in the source must appear in the translation with its English
 * rendering, and none of its forbidden variants may be used. Tolerant of case and inflection. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import { matchTerms, type TermIndex, type TermMatch } from '../text/terms.ts';
import { QA } from './codes.ts';
import { englishWords, findPhrase, phraseStems } from './english-match.ts';

/** English renderings an entry accepts: its `en`, split on "|" where a termbase lists alternatives. */
export function renderings(en: string): string[] {
  return en.split('|').map((s) => s.trim()).filter(Boolean);
}

/**
 * Check the termbase entries of `source` against `translation`. Pass `matches` when the caller already has them.
 * @example checkTerminology('UBND tỉnh', "the provincial People's Committee", index) // []
 */
export function checkTerminology(source: string, translation: string, index: TermIndex, matches?: TermMatch[]): QaIssue[] {
  const words = englishWords(translation);
  const issues: QaIssue[] = [];
  const seen = new Set<string>();
  for (const m of matches ?? matchTerms(index, source)) {
    if (seen.has(m.entry.id)) continue;
    seen.add(m.entry.id);
    // An abbreviation in Latin letters (FDI, ODA, MoU) may stay as it is in English.
    const forms = m.form === 'abbr' && /^[A-Za-z.-]+$/.test(m.matched) ? [...renderings(m.entry.en), m.matched] : renderings(m.entry.en);
    const allowed = forms.map((r) => findPhrase(words, phraseStems(r))).find((x) => x !== null) ?? null;
    if (!allowed) {
      issues.push({ code: QA.TERM_MISSING, severity: 'warning', message: `"${m.matched}" should be rendered "${m.entry.en}"`, params: { term: m.matched, english: m.entry.en }, span: { side: 'source', start: m.start, end: m.end } });
    }
    for (const bad of m.entry.forbidden) {
      const at = findPhrase(words, phraseStems(bad));
      // A forbidden short form inside the right long form ("Party Committee" in "Provincial Party Committee") is fine.
      if (at && !(allowed && at.start >= allowed.start && at.end <= allowed.end)) issues.push({ code: QA.TERM_FORBIDDEN, severity: 'error', message: `"${translation.slice(at.start, at.end)}" is not used for "${m.matched}": write "${m.entry.en}"`, params: { found: translation.slice(at.start, at.end), term: m.matched, english: m.entry.en }, span: { side: 'translation', ...at } });
    }
  }
  return issues;
}
