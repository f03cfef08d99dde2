/**
 * Stores for tests that use the repositories, a CLI or `createDeps` directly rather than through createTestApp: an
 * in-memory (or given) SQLite file, or a throwaway PostgreSQL database in the suite's PostgreSQL half
 * (`WORKBENCH_TEST_STORE=postgres`, see postgres.ts). Closing the store drops its database.
 */
import { openOptionsFor } from '../../src/storage/db.ts';
import { createStore, type OpenStore, type StoreLocation } from '../../src/storage/index.ts';
import { createTestDatabase, testingOnPostgres } from './postgres.ts';

/**
 * A migrated, empty store for one test file; `filename` is the SQLite file to use instead of ':memory:'.
 * @example const store = await createTestStore(); try { ... } finally { await store.close(); }
 */
export async function createTestStore(opts: { filename?: string } = {}): Promise<OpenStore> {
  const filename = opts.filename ?? ':memory:';
  if (!testingOnPostgres()) return createStore({ filename });
  const pg = await createTestDatabase();
  const store = await createStore({ filename, databaseUrl: pg.url }).catch(async (err: unknown) => {
    await pg.drop();
    throw err;
  });
  return { ...store, close: () => store.close().then(() => pg.drop()) };
}

/** A second store on the same data, as another process (the translate CLI, the eval command) opens it. */
export function openStoreAt(location: StoreLocation): Promise<OpenStore> {
  return createStore(openOptionsFor(location.kind === 'postgres' ? location.url : location.file));
}

export interface TestStoreEnv {
  /** `DATABASE_URL` of a throwaway PostgreSQL database in the PostgreSQL half; empty for SQLite (DATA_DIR's file). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The environment that points `loadConfig` (the server, the CLIs, the eval command) at this half's store.
 * @example const store = await testStoreEnv(); vi.stubEnv('DATABASE_URL', ...) or spawn(..., { env: { ...env, ...store.env } })
 */
export async function testStoreEnv(): Promise<TestStoreEnv> {
  if (!testingOnPostgres()) return { env: {}, drop: async () => {} };
  const pg = await createTestDatabase();
  return { env: { DATABASE_URL: pg.url }, drop: pg.drop };
}
