/**
 * The editor's filter bar as pure functions: which segments match a filter (state, QA, memory, text) and how many
 * segments each filter choice would show.
 */
import type { Segment } from '../../../backend/src/schemas/article.ts';
import { fold } from './fold.ts';

/** Workflow states as an editor thinks of them; `confirmed` also covers reviewer-approved segments. */
export type StateFilter = '' | 'untranslated' | 'machine' | 'edited' | 'confirmed' | 'failed';
/** '' (any), 'error', 'warning', or `check:<CODE>` for one QA check. */
export type QaFilter = string;

export interface SegmentFilter {
  state: StateFilter;
  qa: QaFilter;
  /** Only segments with a translation-memory match. */
  memory: boolean;
  /** Free text, matched without case or diacritics. */
  text: string;
  where: 'both' | 'source' | 'target';
}

export const NO_FILTER: SegmentFilter = { state: '', qa: '', memory: false, text: '', where: 'both' };

/** What the filter reads of a segment: the server fields plus the text in the edit box and the known memory match. */
export interface FilterItem {
  segment: Pick<Segment, 'status' | 'qa' | 'source' | 'origin'>;
  /** The edit box's text (draft or saved). */
  target: string;
  /** A memory match is known for it (filled from memory, or a lookup found one). */
  memoryMatch: boolean;
}

/** The state group of a segment status (statuses this build does not know count as edited). */
export function stateOf(status: string): Exclude<StateFilter, ''> {
  switch (status) {
    case 'new': return 'untranslated';
    case 'translated': return 'machine';
    case 'confirmed':
    case 'approved': return 'confirmed';
    case 'failed': return 'failed';
    default: return 'edited';
  }
}

function qaMatches(qa: FilterItem['segment']['qa'], f: QaFilter): boolean {
  if (!f) return true;
  if (f === 'error' || f === 'warning') return qa.some((q) => q.severity === f);
  if (f === 'any') return qa.length > 0;
  const code = f.startsWith('check:') ? f.slice(6) : f;
  return qa.some((q) => q.code === code);
}

/**
 * A predicate for `filter`; the folded query is computed once, the folded texts per call.
 * @example matcher({ ...NO_FILTER, text: 'huu nghi' })(item) // true when the source has "hữu nghị"
 */
export function matcher(filter: SegmentFilter): (item: FilterItem) => boolean {
  const q = fold(filter.text.trim());
  return (item) => {
    const s = item.segment;
    if (filter.state && stateOf(s.status) !== filter.state) return false;
    if (!qaMatches(s.qa, filter.qa)) return false;
    if (filter.memory && !item.memoryMatch) return false;
    if (!q) return true;
    return (filter.where !== 'target' && fold(s.source).includes(q)) || (filter.where !== 'source' && fold(item.target).includes(q));
  };
}

export interface FilterCounts {
  total: number;
  state: Record<Exclude<StateFilter, ''>, number>;
  qa: { any: number; error: number; warning: number; checks: Record<string, number> };
  memory: number;
  /** Segments the text query alone matches (all of them when it is empty). */
  text: number;
}

/**
 * How many segments each choice would show on its own (the text count honours the `where` choice).
 * @example countFilters(items, '').state.machine // segments with a machine draft
 */
export function countFilters(items: readonly FilterItem[], text: string, where: SegmentFilter['where'] = 'both'): FilterCounts {
  const c: FilterCounts = { total: items.length, state: { untranslated: 0, machine: 0, edited: 0, confirmed: 0, failed: 0 }, qa: { any: 0, error: 0, warning: 0, checks: {} }, memory: 0, text: 0 };
  const byText = matcher({ ...NO_FILTER, text, where });
  for (const it of items) {
    const s = it.segment;
    c.state[stateOf(s.status)]++;
    if (s.qa.length) c.qa.any++;
    if (s.qa.some((q) => q.severity === 'error')) c.qa.error++;
    if (s.qa.some((q) => q.severity === 'warning')) c.qa.warning++;
    for (const code of new Set(s.qa.map((q) => q.code))) c.qa.checks[code] = (c.qa.checks[code] ?? 0) + 1;
    if (it.memoryMatch) c.memory++;
    if (byText(it)) c.text++;
  }
  return c;
}

/**
 * The next (step 1) or previous (step -1) id after `from` that satisfies `ok`, wrapping round; null when none does.
 * @example nextWhere(['a', 'b', 'c'], 'c', 1, (id) => id === 'a') === 'a'
 */
export function nextWhere(ids: readonly string[], from: string | null, step: 1 | -1, ok: (id: string) => boolean): string | null {
  const n = ids.length;
  if (n === 0) return null;
  const start = from === null ? (step === 1 ? -1 : n) : ids.indexOf(from);
  for (let k = 1; k <= n; k++) {
    const id = ids[(((start + k * step) % n) + n) % n]!;
    if (id !== from && ok(id)) return id;
  }
  return null;
}
