/**
 * Everything that differs between the two stores, in one place: SQLite (better-sqlite3, the laptop default) and
 * PostgreSQL (`DATABASE_URL=postgres://…`, the office server). Migrations and repositories ask here instead of
 * writing dialect-specific SQL themselves.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Expression, type Kysely, type RawBuilder, type SqlBool, type TableMetadata } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** True for a `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

export function dialectOf(db: AnyKysely): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An integer primary key `id` the database numbers itself (SQLite AUTOINCREMENT, PostgreSQL serial). */
export function withAutoId<T extends string>(db: AnyKysely, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A double-precision number column (SQLite's REAL is already 8 bytes; PostgreSQL's `real` is 4). */
export function floatType(db: AnyKysely): 'real' | 'double precision' {
  return dialectOf(db) === 'postgres' ? 'double precision' : 'real';
}

/** Make a table append-only in the database itself: any UPDATE or DELETE of its rows aborts. */
export async function makeAppendOnly(db: AnyKysely, table: string): Promise<void> {
  const t = sql.id(table);
  const message = sql.lit(`${table} is append-only`);
  if (dialectOf(db) === 'postgres') {
    const fn = sql.id(`${table}_append_only`);
    await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${message}; END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    // TRUNCATE skips row triggers; refuse it as well.
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
}

/** The larger of two values of a row (SQLite's two-argument max(), PostgreSQL's greatest()). */
export function greater<T>(db: AnyKysely, a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return dialectOf(db) === 'postgres' ? sql<T>`greatest(${a}, ${b})` : sql<T>`max(${a}, ${b})`;
}

/** The smaller of two values of a row (SQLite's two-argument min(), PostgreSQL's least()). */
export function lesser<T>(db: AnyKysely, a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return dialectOf(db) === 'postgres' ? sql<T>`least(${a}, ${b})` : sql<T>`min(${a}, ${b})`;
}

/**
 * `column` contains `text` literally (% and _ are not wildcards), ignoring ASCII case as SQLite's LIKE does
 * (PostgreSQL's ILIKE).
 */
export function containsText(db: AnyKysely, column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  const op = sql.raw(dialectOf(db) === 'postgres' ? 'ILIKE' : 'LIKE');
  return sql<SqlBool>`${sql.ref(column)} ${op} ${pattern} ESCAPE '\\'`;
}

/**
 * After rows were written with explicit ids into an auto-numbered table (a copy between stores), move PostgreSQL's
 * sequence past them so the next insert does not collide. SQLite needs nothing.
 */
export async function resetAutoId(db: AnyKysely, table: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.id(table)}), 0) + 1, false)`.execute(db);
}

/** A point in time the database's own clock compares against (PostgreSQL timestamptz; SQLite keeps ISO text). */
export function instantType(db: AnyKysely): 'timestamptz' | 'text' {
  return dialectOf(db) === 'postgres' ? 'timestamptz' : 'text';
}

/**
 * A table whose rows are not worth a disk flush per commit (PostgreSQL UNLOGGED: not written to the WAL, emptied after
 * a crash). SQLite has no such tables; the table is an ordinary one there.
 */
export function unlogged<T extends string, C extends string>(db: AnyKysely, table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return dialectOf(db) === 'postgres' ? table.modifyFront(sql`unlogged`) : table;
}

/**
 * The workbench's own tables, without views: on PostgreSQL only those of the connection's schema (the job queue keeps
 * its tables in a schema of its own, `pgboss`), on SQLite every table. Kysely's migration tables are left out.
 */
export async function ownTables(db: AnyKysely): Promise<TableMetadata[]> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView);
  if (dialectOf(db) !== 'postgres') return tables;
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return tables.filter((t) => t.schema === rows[0]?.schema);
}

/** The tables `table` refers to by foreign key (SQLite's pragma, PostgreSQL's catalogue). */
export async function foreignKeyParents(db: AnyKysely, table: string): Promise<string[]> {
  const { rows } = dialectOf(db) === 'postgres'
    ? await sql<{ parent: string }>`SELECT DISTINCT confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass(${table})`.execute(db)
    : await sql<{ parent: string }>`SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(${table})`.execute(db);
  return rows.map((r) => r.parent);
}
