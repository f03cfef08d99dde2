import type { Kysely } from 'kysely';

/**
 * Run `fn` in a transaction, or inside the caller's when `db` already is one (Kysely does not nest them), so a
 * repository's own transaction can join a larger one (a job's result saved together with its task's claim).
 */
export function inTransaction<DB, T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
