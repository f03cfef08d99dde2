/**
 * Throwaway PostgreSQL databases for tests. `TEST_DATABASE_URL` names a server and a database the tests may connect to
 * (its user needs CREATEDB); each test app or store gets a database of its own, dropped when it closes.
 * `WORKBENCH_TEST_STORE=postgres` (set by the `backend-pg` test project) makes the shared helpers use it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests may use, or undefined when none is configured. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** True when this test run is the PostgreSQL half of the suite. */
export function testingOnPostgres(): boolean {
  return process.env.WORKBENCH_TEST_STORE === 'postgres';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set: point it at a PostgreSQL server whose user may create databases');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Create an empty database with code-point ordering (as SQLite's), and return its URL.
 * @example const t = await createTestDatabase(); try { ... t.url ... } finally { await t.drop(); }
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `wb_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`));
  const url = new URL(testDatabaseUrl()!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(name),
  };
}

/**
 * Drop a test database, closing its connections. PostgreSQL's autovacuum may be working on it right then, and only a
 * member of pg_signal_backend may end that process: the drop is tried again until autovacuum has moved on.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (err) {
      // 42501: not allowed to end a process (autovacuum's); 55006: the database is still in use
      const code = (err as { code?: string }).code;
      if (attempt >= 50 || (code !== '42501' && code !== '55006')) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
