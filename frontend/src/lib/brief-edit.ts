/** Pure helpers of the brief editor: list edits, segment links typed as numbers, and the text two versions compare on. */
import type { BriefContent } from '../api/briefs.ts';

/**
 * The list with the item at `from` moved one place up (-1) or down (+1); unchanged at either end.
 * @example move(['a', 'b', 'c'], 2, -1) // ['a', 'c', 'b']
 */
export function move<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

/**
 * Segment ids from the segment numbers an editor typed ("3, 5 7"); numbers with no segment are returned apart so
 * the editor can be told.
 * @example segmentIdsFromNumbers('3, 9', new Map([['s3', 3]])) // { ids: ['s3'], unknown: [9] }
 */
export function segmentIdsFromNumbers(typed: string, numbers: ReadonlyMap<string, number>): { ids: string[]; unknown: number[] } {
  const byNumber = new Map([...numbers].map(([id, n]) => [n, id]));
  const ids: string[] = [];
  const unknown: number[] = [];
  for (const m of typed.matchAll(/\d+/g)) {
    const n = Number(m[0]);
    const id = byNumber.get(n);
    if (id === undefined) unknown.push(n);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, unknown };
}

/** One line per non-empty entry: organisations and places are edited as lines. */
export const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** A brief as plain text, one part per line, so two versions can be compared word by word. */
export function briefText(c: BriefContent): string {
  return [
    c.headline,
    c.summary,
    ...c.keyPoints.map((k) => `• ${k.text}`),
    ...c.people.map((p) => `${p.name}${p.role ? ` — ${p.role}` : ''}`),
    c.organisations.join('; '),
    c.places.join(', '),
    ...c.figures.map((f) => `${f.value}${f.unit ? ` ${f.unit}` : ''} — ${f.measure}`),
  ].filter(Boolean).join('\n');
}
