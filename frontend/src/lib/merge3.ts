/**
 * Word-level three-way merge for the conflict dialog: the text both editors started from (base), the colleague's
 * saved text (theirs) and this browser's edit (mine). Changes that touch different words are both kept; where both
 * changed the same words differently, the result keeps mine there and reports the place as a conflict.
 */
import { diffArrays } from 'diff';

/** Words and the spaces/punctuation between them, so a merge never glues two words together. */
function tokens(s: string): string[] {
  return s.match(/[\p{L}\p{N}_'’-]+|\s+|[^\p{L}\p{N}_'’\s-]/gu) ?? [];
}

interface Hunk {
  /** Base tokens [start, end) replaced by `with`. */
  start: number;
  end: number;
  with: string[];
}

function hunks(base: string[], other: string[]): Hunk[] {
  const out: Hunk[] = [];
  let i = 0;
  let open: Hunk | null = null;
  for (const part of diffArrays(base, other)) {
    if (!part.added && !part.removed) {
      if (open) out.push(open);
      open = null;
      i += part.count ?? part.value.length;
      continue;
    }
    open ??= { start: i, end: i, with: [] };
    if (part.removed) {
      i += part.value.length;
      open.end = i;
    } else open.with.push(...part.value);
  }
  if (open) out.push(open);
  return out;
}

export interface MergeResult {
  text: string;
  /** Places both changed differently (mine kept there). */
  conflicts: Array<{ theirs: string; mine: string }>;
}

/**
 * Merge `mine` and `theirs`, both edits of `base`.
 * @example merge3('the province has two cities', 'the province has three cities', 'The province has two cities') // 'The province has three cities', no conflict
 */
export function merge3(base: string, theirs: string, mine: string): MergeResult {
  if (theirs === mine) return { text: mine, conflicts: [] };
  const b = tokens(base);
  const t = hunks(b, tokens(theirs)).map((h) => ({ ...h, side: 'theirs' as const }));
  const m = hunks(b, tokens(mine)).map((h) => ({ ...h, side: 'mine' as const }));
  const all = [...t, ...m].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  const conflicts: MergeResult['conflicts'] = [];
  let pos = 0;
  let k = 0;
  while (k < all.length) {
    // A group: hunks that overlap (or insert at the same place), taken together.
    const group = [all[k]!];
    let end = all[k]!.end;
    k++;
    const joins = (nx: Hunk) => nx.start < end || (nx.start === end && (nx.start === nx.end || group.some((g) => g.start === g.end && g.start === end)));
    while (k < all.length && joins(all[k]!)) {
      end = Math.max(end, all[k]!.end);
      group.push(all[k]!);
      k++;
    }
    const start = group[0]!.start;
    out.push(...b.slice(pos, start));
    const sides = new Set(group.map((g) => g.side));
    const render = (side: 'theirs' | 'mine') => {
      // This side's view of base[start, end): its hunks applied, base tokens elsewhere.
      const res: string[] = [];
      let p = start;
      for (const g of group.filter((x) => x.side === side)) {
        res.push(...b.slice(p, g.start), ...g.with);
        p = g.end;
      }
      res.push(...b.slice(p, end));
      return res.join('');
    };
    if (sides.size === 1) out.push(render(group[0]!.side));
    else {
      const tv = render('theirs');
      const mv = render('mine');
      out.push(mv);
      if (tv !== mv) conflicts.push({ theirs: tv, mine: mv });
    }
    pos = end;
  }
  out.push(...b.slice(pos));
  return { text: out.join(''), conflicts };
}
