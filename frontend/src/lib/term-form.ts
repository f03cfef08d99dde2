/** The term form's text fields to and from the API's request bodies (pure, so the rules are tested without a page). */
import type { CreateTermBody, PatchTermBody, Term } from '../api/terms.ts';

/** What the form edits: every field as the text in its input. */
export interface TermDraft {
  vi: string;
  en: string;
  abbr: string;
  note: string;
  /** One forbidden English variant per line (a comma may be part of a variant, so lines separate them). */
  forbidden: string;
  caseSensitive: boolean;
  validFrom: string;
  validTo: string;
  domain: string;
}

/** The draft for a new term, or for editing an existing one. */
export function draftOf(term?: Term): TermDraft {
  return {
    vi: term?.vi ?? '', en: term?.en ?? '', abbr: term?.abbr ?? '', note: term?.note ?? '',
    forbidden: (term?.forbidden ?? []).join('\n'), caseSensitive: term?.caseSensitive ?? false,
    validFrom: term?.validFrom ?? '', validTo: term?.validTo ?? '', domain: term?.domain ?? '',
  };
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** A message key for the first thing the server would refuse, or null when the draft can be sent. */
export function draftProblem(d: TermDraft): 'termNeedsVi' | 'termNeedsEn' | 'termDatesOrder' | null {
  if (!d.vi.trim()) return 'termNeedsVi';
  if (!d.en.trim()) return 'termNeedsEn';
  if (d.validFrom && d.validTo && d.validFrom > d.validTo) return 'termDatesOrder';
  return null;
}

/** The POST body: empty optional fields are left out. */
export function createBody(d: TermDraft): CreateTermBody {
  const body: CreateTermBody = { vi: d.vi.trim(), en: d.en.trim(), forbidden: lines(d.forbidden), caseSensitive: d.caseSensitive };
  for (const k of ['abbr', 'note', 'validFrom', 'validTo', 'domain'] as const) if (d[k].trim()) body[k] = d[k].trim();
  return body;
}

/** The PATCH body: only what changed, with `null` for an optional field the editor emptied. */
export function patchBody(term: Term, d: TermDraft): PatchTermBody {
  const next = createBody(d);
  const patch: PatchTermBody = {};
  if (next.vi !== term.vi) patch.vi = next.vi;
  if (next.en !== term.en) patch.en = next.en;
  if (next.caseSensitive !== term.caseSensitive) patch.caseSensitive = next.caseSensitive;
  if (next.forbidden.join('\n') !== term.forbidden.join('\n')) patch.forbidden = next.forbidden;
  for (const k of ['abbr', 'note', 'validFrom', 'validTo', 'domain'] as const) {
    if ((next[k] ?? '') !== (term[k] ?? '')) patch[k] = next[k] ?? null;
  }
  return patch;
}
