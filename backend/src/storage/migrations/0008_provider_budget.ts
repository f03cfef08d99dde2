import type { Kysely } from 'kysely';
import { instantType, unlogged } from '../dialect.ts';

/**
 * The model provider's budget shared by every process using a PostgreSQL store (llm/provider-budget-postgres.ts):
 * one row per call in flight (a lease) or recently started (the RPM window), and one row holding the back-off after
 * a 429 (kept across restarts). A SQLite store keeps its budget in memory and leaves these tables empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const instant = instantType(db);
  // Unlogged: a grant or release then costs no WAL flush, and after a crash no call is in flight anyway.
  await unlogged(db, db.schema.createTable('provider_budget_calls'))
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The process that holds the call; it renews the leases of all its calls at once.
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('released_at', instant)
    .execute();
  await db.schema.createIndex('provider_budget_calls_started').on('provider_budget_calls').column('started_at').execute();
  await db.schema.createTable('provider_budget_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('backoff_until', instant, (c) => c.notNull())
    .execute();
  await db.insertInto('provider_budget_state' as never).values({ id: 1, backoff_until: '1970-01-01T00:00:00Z' } as never).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('provider_budget_state').execute();
  await db.schema.dropTable('provider_budget_calls').execute();
}
