/**
 * Opens the database and brings its schema up to date. SQLite (better-sqlite3, WAL, foreign keys on) is the default;
 * the Kysely query code is dialect-neutral so a PostgreSQL dialect can be added here without touching repositories.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database as Schema } from './types.ts';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  filename: string;
  databaseUrl?: string;
}

/** Open the database and run pending migrations. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Kysely<Schema>> {
  if (opts.databaseUrl) {
    // Fail at start rather than silently writing to SQLite when the operator asked for another database.
    throw new Error(
      `DATABASE_URL is set (${new URL(opts.databaseUrl).protocol}//…) but only the built-in SQLite store ships in this version: unset DATABASE_URL to use DATA_DIR/workbench.db`,
    );
  }
  if (opts.filename !== ':memory:') fs.mkdirSync(path.dirname(opts.filename), { recursive: true });
  const sqlite = new Database(opts.filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return db;
}

/** Apply every pending migration; throws with the failing migration's name. */
export async function migrate(db: Kysely<Schema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}
