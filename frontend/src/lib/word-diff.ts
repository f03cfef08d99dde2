/** Word-level diff of the machine translation against the edit (the `diff` package), for the row's diff view. */
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  text: string;
  op: 'same' | 'added' | 'removed';
}

/**
 * Compare two texts word by word.
 * @example wordDiff('the cat', 'the dog') // [{same 'the '}, {removed 'cat'}, {added 'dog'}]
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((c) => ({ text: c.value, op: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
}

/** How much of the machine translation the edit changed, 0..1 by characters (shown as "edited 23%"). */
export function editRatio(parts: DiffPart[]): number {
  let changed = 0;
  let total = 0;
  for (const p of parts) {
    if (p.op !== 'added') total += p.text.length;
    if (p.op !== 'same') changed += p.text.length;
  }
  return total === 0 ? (changed > 0 ? 1 : 0) : Math.min(1, changed / total);
}
