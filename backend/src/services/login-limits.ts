/**
 * Sign-in limits: failed attempts counted per account name and per client address over a sliding window, in the
 * store, so every server instance sharing it counts the same attempts. Once a key has `max` failures in the window,
 * every attempt on it is refused, even with the right password, until the oldest of them leaves the window.
 */
import type { Kysely } from 'kysely';
import '../storage/office-types.ts';
import type { Database } from '../storage/types.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface LoginLimit {
  key: string;
  max: number;
}

/** How long, in ms, until every key is under its limit again; 0 when none has reached it. */
export async function loginRefusalMs(db: Kysely<Database>, limits: LoginLimit[], now = Date.now()): Promise<number> {
  const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
  let wait = 0;
  for (const { key, max } of limits) {
    const recent = await db.selectFrom('login_failures').select('at').where('key', '=', key).where('at', '>', since).orderBy('at', 'desc').limit(max).execute();
    if (recent.length >= max) wait = Math.max(wait, Date.parse(recent[max - 1]!.at) + LOGIN_WINDOW_MS - now);
  }
  return wait;
}

/** Count a failed attempt against each key, and forget attempts that have left the window. */
export async function countLoginFailure(db: Kysely<Database>, keys: string[], now = Date.now()): Promise<void> {
  const at = new Date(now).toISOString();
  await db.insertInto('login_failures').values(keys.map((key) => ({ key, at }))).execute();
  await db.deleteFrom('login_failures').where('at', '<=', new Date(now - LOGIN_WINDOW_MS).toISOString()).execute();
}
