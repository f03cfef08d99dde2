import type { Kysely } from 'kysely';
import { withAutoId } from '../dialect.ts';

/**
 * Failed sign-ins, per key (`name:<account>`, `ip:<address>`), for the sign-in limits: kept in the store so every
 * server instance of an office counts the same attempts. Rows older than the window are deleted as new ones come.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withAutoId(db, db.schema.createTable('login_failures'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
