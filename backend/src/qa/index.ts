/**
 * QA of a translation: numbers, terminology, untranslated words, omissions, and (for an article) consistency.
 * Every check is a pure function returning QaIssue[]; run after each translation and each edit. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import { matchTerms, type TermIndex } from '../text/terms.ts';
import { checkConsistency, type QaSegment } from './consistency.ts';
import { checkNumbers } from './numbers.ts';
import { checkOmission } from './omission.ts';
import { checkTerminology } from './terminology.ts';
import { checkUntranslated } from './untranslated.ts';

export { QA, type QaCode } from './codes.ts';
export { checkConsistency, type QaSegment } from './consistency.ts';
export { checkNumbers } from './numbers.ts';
export { checkOmission } from './omission.ts';
export { checkTerminology } from './terminology.ts';
export { checkUntranslated } from './untranslated.ts';

export interface QaInput {
  source: string;
  translation: string | null;
  /** The termbase index; without it the terminology check is skipped. */
  terms?: TermIndex;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Errors first, and each issue once: a term matched by its full form and its abbreviation, or a figure reported by
 * two checks with the same words, is one thing to fix.
 */
export function sortAndDedupe(issues: QaIssue[]): QaIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = `${i.code}\u0000${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/**
 * All segment-level checks, errors first. An empty or missing translation has no issues (nothing to check yet).
 * @example runQa({ source: 'chiếm 57% doanh nghiệp', translation: '57 percent of firms' }) // []
 */
export function runQa({ source, translation, terms }: QaInput): QaIssue[] {
  if (!translation || translation.trim() === '') return [];
  const matches = terms ? matchTerms(terms, source) : [];
  // "BTV Tỉnh ủy" (11 letters) becomes 48 in English: count abbreviations at the length of their spelled-out form.
  const expansion = matches.filter((m) => m.form === 'abbr').reduce((n, m) => n + Math.max(0, m.entry.en.length / 0.92 - m.matched.length), 0);
  const issues = [
    ...checkNumbers(source, translation),
    ...(terms ? checkTerminology(source, translation, terms, matches) : []),
    ...checkUntranslated(source, translation, terms),
    ...checkOmission(source, translation, { expansion }),
  ];
  return sortAndDedupe(issues);
}

/**
 * QA of a whole article: `runQa` per segment plus the consistency check across segments.
 * Returns one issue list per segment, in the order given.
 */
export function runArticleQa(segments: readonly QaSegment[], terms?: TermIndex): QaIssue[][] {
  const across = checkConsistency(segments);
  return segments.map((s, i) => sortAndDedupe([...runQa({ source: s.source, translation: s.translation, terms }), ...across[i]!]));
}
