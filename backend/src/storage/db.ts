/**
 * Opens the database and brings its schema up to date. SQLite (better-sqlite3, WAL, foreign keys on) in DATA_DIR is
 * the default; `DATABASE_URL=postgres://…` opens PostgreSQL through `pg` instead. Both run the same migrations and
 * the same Kysely repositories; what differs between them is in dialect.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { isPostgresUrl } from './dialect.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database as Schema } from './types.ts';

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests; unused when `databaseUrl` is set. */
  filename: string;
  /** `postgres://user:password@host:port/database`: use PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** Most PostgreSQL connections this process opens (default 10). */
  poolSize?: number;
}

/** Where a store keeps its data: a SQLite file (or ':memory:') or a PostgreSQL URL. */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function storeLocation(opts: OpenDatabaseOptions): StoreLocation {
  if (opts.databaseUrl !== undefined && !isPostgresUrl(opts.databaseUrl)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got ${new URL(opts.databaseUrl).protocol}//…); unset it to use the SQLite file in DATA_DIR`);
  }
  return opts.databaseUrl ? { kind: 'postgres', url: opts.databaseUrl } : { kind: 'sqlite', file: opts.filename };
}

/** A PostgreSQL URL as it may be printed: without its password. */
export function urlWithoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/**
 * Open options for a place given as one string, as the command-line tools take it: a `postgres://` URL or a SQLite file.
 * @example createStore(openOptionsFor(process.argv[2]))
 */
export function openOptionsFor(where: string): OpenDatabaseOptions {
  return isPostgresUrl(where) ? { filename: '', databaseUrl: where } : { filename: where };
}

/** Open the database and run pending migrations. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Kysely<Schema>> {
  const where = storeLocation(opts);
  if (where.kind === 'postgres') {
    // loaded only here: `pg` brings Node's network and TLS modules, ~50 ms a SQLite process has no use for
    const { postgresPool } = await import('./postgres-pool.ts');
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: postgresPool(where.url, opts.poolSize) }) });
    try {
      await migrate(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
    return db;
  }
  if (where.file !== ':memory:') fs.mkdirSync(path.dirname(where.file), { recursive: true });
  const sqlite = new Database(where.file);
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
