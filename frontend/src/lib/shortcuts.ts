/**
 * Editor keyboard shortcuts as pure functions: which action a key press means, and where focus goes next.
 * Keys follow the CAT tools where Chromium leaves them to the page: Ctrl+Enter confirms (MateCat, Phrase), Ctrl+G
 * goes to a segment number; Chromium's own Ctrl+Shift+C (inspector) and Ctrl+Shift+D (bookmark all tabs) are not used.
 */

export type Action = 'approve' | 'prev' | 'next' | 'copy-mt' | 'toggle-diff' | 'help' | 'goto' | 'prev-qa' | 'next-qa' | 'prev-open' | 'next-open';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The action for a key press, or null. `?` only counts outside text fields, where it would type a character.
 * @example shortcutFor({ key: 'Enter', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, true) === 'approve'
 */
export function shortcutFor(e: KeyLike, inTextField: boolean): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.shiftKey && !e.altKey && e.key === 'Enter') return 'approve';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowUp') return 'prev';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowDown') return 'next';
  if (e.altKey && !mod && e.shiftKey && e.key === 'ArrowUp') return 'prev-open';
  if (e.altKey && !mod && e.shiftKey && e.key === 'ArrowDown') return 'next-open';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'PageUp') return 'prev-qa';
  if (e.altKey && !mod && !e.shiftKey && e.key === 'PageDown') return 'next-qa';
  if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'g') return 'goto';
  // Ctrl+Shift+S / Ctrl+Shift+X: free in Chromium (C opens the inspector, D bookmarks all tabs, V pastes plain text).
  if (mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') return 'copy-mt';
  if (mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'x') return 'toggle-diff';
  if (!inTextField && !mod && !e.altKey && e.key === '?') return 'help';
  return null;
}

/**
 * The first segment after `from` (wrapping round) that is not approved, or null when all are.
 * @example nextUnapproved(['a', 'b', 'c'], (id) => id === 'b', 'a') === 'c'
 */
export function nextUnapproved(ids: readonly string[], isApproved: (id: string) => boolean, from: string | null): string | null {
  const start = from === null ? -1 : ids.indexOf(from);
  for (let k = 1; k <= ids.length; k++) {
    const id = ids[(start + k) % ids.length]!;
    if (id !== from && !isApproved(id)) return id;
  }
  return null;
}

/** The neighbour of `from` in `ids` (clamped at the ends). */
export function neighbour(ids: readonly string[], from: string | null, step: -1 | 1): string | null {
  if (ids.length === 0) return null;
  const i = from === null ? (step === 1 ? -1 : ids.length) : ids.indexOf(from);
  return ids[Math.max(0, Math.min(ids.length - 1, i + step))] ?? null;
}
