/**
 * Long imports in slices: better-sqlite3 runs every statement synchronously, so thousands of rows written in one go
 * hold the event loop for seconds. Working through the rows a slice at a time (a transaction per slice when writing),
 * each slice ending once it has run SLICE_MS, and letting the event loop go between slices keeps every hold short
 * whatever the machine's load (target: 50 ms, `npm run bench -- intake`).
 */
import { setImmediate } from 'node:timers/promises';

/** How long one slice of an import may hold the event loop before it lets go. */
export const SLICE_MS = 15;

/**
 * Work through items 0..count-1 in order in slices: `run(from, more)` handles items from `from` on, at least one,
 * while `more()` is true, and returns the index of the first item it left; the event loop turns between slices.
 * A failing slice stops the rest (slices before it stay done).
 * @example await inSlices(rows.length, (from, more) => db.transaction().execute(async (tx) => { let i = from; do await write(tx, rows[i++]); while (i < rows.length && more()); return i; }))
 */
export async function inSlices(count: number, run: (from: number, more: () => boolean) => Promise<number> | number, sliceMs = SLICE_MS): Promise<void> {
  for (let i = 0; i < count; ) {
    if (i > 0) await setImmediate();
    const deadline = performance.now() + sliceMs;
    const next = await run(i, () => performance.now() < deadline);
    if (next <= i) throw new Error(`inSlices: a slice must handle at least one item (stuck at ${i} of ${count})`);
    i = next;
  }
}
