/**
 * The glossary lines a translation prompt shows for one segment: only termbase entries found in it, each once, in
 * the form the segment uses (an abbreviation found as "BTV Tỉnh ủy" is shown as that), in text order.
 * Shared by the translation service and the evals so both send the model the same glossary.
 */
import { matchTerms, type TermEntry, type TermIndex } from '../text/terms.ts';
import type { GlossaryLine } from './translate-chain.ts';

/**
 * @example glossaryFor(index, 'BTV Tỉnh ủy đã ban hành...').glossary // [{ vi: 'BTV Tỉnh ủy', en: 'Standing Board of the Provincial Party Committee' }]
 */
export function glossaryFor(index: TermIndex, source: string): { terms: TermEntry[]; glossary: GlossaryLine[] } {
  const terms = new Map<string, TermEntry>();
  const lines = new Map<string, GlossaryLine>();
  for (const m of matchTerms(index, source)) {
    terms.set(m.entry.id, m.entry);
    const vi = m.form === 'abbr' ? m.matched : m.entry.vi;
    lines.set(`${m.entry.id}|${vi}`, { vi, en: m.entry.en });
  }
  return { terms: [...terms.values()], glossary: [...lines.values()] };
}
