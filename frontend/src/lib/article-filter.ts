/** Search and status filter of the article list (pure, so it is tested without a browser). */
import type { ArticleSummary } from '../../../backend/src/schemas/article.ts';
import { fold } from './fold.ts';

/**
 * Articles whose title contains `query` (ignoring case and Vietnamese diacritics) and whose status matches.
 * @example filterArticles(list, "hoa binh", "") // matches "Hòa Bình"
 */
export function filterArticles(list: ArticleSummary[], query: string, status: string): ArticleSummary[] {
  const q = fold(query.trim());
  return list.filter((a) => (!status || a.status === status) && (!q || fold(a.title).includes(q)));
}

/** Today as YYYY-MM-DD in the browser's time zone (due dates are calendar days, not instants). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Past its due date and not yet approved. */
export function isOverdue(a: { dueDate?: string | null; status?: string }, day = today()): boolean {
  return !!a.dueDate && a.dueDate < day && a.status !== 'approved';
}

/**
 * The "Mine only" and "Due before" filters, as the server applies `mine` and `dueBefore`: `mine` keeps the articles
 * `me` translates or reviews; `dueBefore` the ones due on or before that day (none without a due date), soonest first.
 */
export function filterAssigned(list: ArticleSummary[], f: { mine?: boolean; me?: string | null; dueBefore?: string }): ArticleSummary[] {
  let out = list;
  if (f.mine) out = out.filter((a) => !!f.me && (a.assignee === f.me || a.reviewer === f.me));
  const day = f.dueBefore;
  if (day) out = out.filter((a) => !!a.dueDate && a.dueDate <= day).sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
  return out;
}

/** Distinct people named as translator or reviewer on the articles, sorted: suggestions for the assignment form. */
export function peopleOn(list: ArticleSummary[]): string[] {
  return [...new Set(list.flatMap((a) => [a.assignee, a.reviewer]).filter((n): n is string => !!n))].sort((a, b) => a.localeCompare(b, 'vi'));
}
