/**
 * Copy every table of one store into another (SQLite to PostgreSQL or back): the tables the migrations made, parents
 * before children, in batches under both databases' limit on bound values, with auto ids moved past the copied rows.
 * The source is read from one snapshot; the target is written in one transaction, so a failed copy writes nothing.
 */
import { sql, type Kysely, type TableMetadata } from 'kysely';
import { foreignKeyParents, ownTables, resetAutoId } from './dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** Bound values per statement: SQLite's default limit is 32766, PostgreSQL's 65535. */
const MAX_BOUND_VALUES = 32_000;
/** Rows read and written at a time, so a large table never sits in memory whole. */
const MAX_BATCH_ROWS = 1_000;

export interface TableCount {
  table: string;
  rows: number;
}

/**
 * Not office data but a database's own running state: the provider budget's leases and back-off, which every
 * database starts afresh (migration 0008 writes the back-off row) and the processes using it fill, and the last
 * quarter hour's failed sign-ins.
 */
const NOT_COPIED = new Set(['provider_budget_calls', 'provider_budget_state', 'login_failures']);

/**
 * The migrated tables (not Kysely's own, not views, not the job queue's schema, not NOT_COPIED), every table after
 * the tables it refers to.
 */
export async function tablesInCopyOrder(db: AnyKysely): Promise<TableMetadata[]> {
  const tables = (await ownTables(db)).filter((t) => !NOT_COPIED.has(t.name));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableMetadata[] = [];
  const visiting = new Set<string>();
  const visit = async (t: TableMetadata): Promise<void> => {
    if (ordered.includes(t) || visiting.has(t.name)) return;
    visiting.add(t.name);
    for (const parent of await foreignKeyParents(db, t.name)) {
      const p = byName.get(parent);
      if (p && p !== t) await visit(p);
    }
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) await visit(t);
  return ordered;
}

export async function countRows(db: AnyKysely, table: string): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rows a new database holds before anyone used it: the starter termbase the terminology migration writes, every term
 * created in one instant and never changed. A copy replaces them with the source's termbase.
 */
async function onlyStarterTerms(db: AnyKysely): Promise<boolean> {
  const row = await db
    .selectFrom('terms')
    .select([sql<number>`count(DISTINCT created_at)`.as('instants'), sql<number>`sum(CASE WHEN created_at <> updated_at THEN 1 ELSE 0 END)`.as('changed')])
    .executeTakeFirstOrThrow();
  return Number(row.instants) <= 1 && Number(row.changed ?? 0) === 0;
}

/** The target's tables that hold rows a copy would have to replace (the untouched starter termbase does not count). */
export async function rowsInTheWay(target: AnyKysely): Promise<TableCount[]> {
  const held: TableCount[] = [];
  for (const t of await tablesInCopyOrder(target)) {
    const rows = await countRows(target, t.name);
    if (rows > 0 && !(t.name === 'terms' && (await onlyStarterTerms(target)))) held.push({ table: t.name, rows });
  }
  return held;
}

/**
 * Copy every row of `source` into `target` (both migrated to the same schema) and return each table's count, checked
 * against the target after the copy. The target's rows in those tables are deleted first in the same transaction: the
 * caller decides whether that is allowed (rowsInTheWay). The audit trail refuses deletion, so a target whose audit_log
 * holds rows cannot be copied into.
 */
export async function copyStore(source: AnyKysely, target: AnyKysely): Promise<TableCount[]> {
  const tables = await tablesInCopyOrder(source);
  const targetTables = new Map((await ownTables(target)).map((t) => [t.name, t]));
  const missing = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
  if (missing.length) throw new Error(`The target has no table ${missing.join(', ')}: both stores must be at the same schema version`);
  // One snapshot of the source (PostgreSQL needs REPEATABLE READ for it; a SQLite read transaction is one already).
  return source.transaction().setIsolationLevel('repeatable read').execute(async (from) =>
    target.transaction().execute(async (to) => {
      for (const t of [...tables].reverse()) await to.deleteFrom(t.name).execute();
      const counts: TableCount[] = [];
      for (const t of tables) {
        const columns = t.columns.map((c) => c.name);
        const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_BOUND_VALUES / columns.length)));
        const order = columns.includes('id') ? ['id'] : columns;
        let copied = 0;
        for (;;) {
          let page = from.selectFrom(t.name).select(columns);
          for (const c of order) page = page.orderBy(c);
          const rows = await page.limit(perBatch).offset(copied).execute();
          if (rows.length === 0) break;
          await to.insertInto(t.name).values(rows).execute().catch((err: unknown) => {
            throw new Error(`Copying ${t.name} failed at rows ${copied + 1}-${copied + rows.length}: ${(err as Error).message}`, { cause: err });
          });
          copied += rows.length;
          if (rows.length < perBatch) break;
        }
        if (targetTables.get(t.name)!.columns.some((c) => c.name === 'id' && c.isAutoIncrementing)) await resetAutoId(to, t.name);
        const expected = await countRows(from, t.name);
        const written = await countRows(to, t.name);
        if (written !== copied || written !== expected) throw new Error(`${t.name}: ${expected} rows in the source, ${copied} read, ${written} in the target`);
        counts.push({ table: t.name, rows: written });
      }
      return counts;
    }),
  );
}
