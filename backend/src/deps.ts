/**
 * What the routes and services need, built once at start. Tests build theirs through test/helpers (test-app.ts,
 * test-store.ts), which give the store of the suite's half, SQLite or PostgreSQL, and may swap any part.
 */
import path from 'node:path';
import type { Config } from './config.ts';
import { applyProviderSettings, followProviderSettings } from './services/provider-settings.ts';
import { IntakePool } from './services/intake-pool.ts';
import { createStore, type OpenStore } from './storage/index.ts';

export interface Deps {
  config: Config;
  store: OpenStore;
  /** Worker threads that read incoming documents under a time and memory budget. */
  intake: IntakePool;
}

/** Open the store for `config` (or the given database file) and return the dependencies. */
export async function createDeps(config: Config, db?: { filename: string }): Promise<Deps> {
  const store = await createStore({
    filename: db?.filename ?? path.join(config.dataDir, 'workbench.db'),
    databaseUrl: config.DATABASE_URL,
  });
  const intake = new IntakePool({
    timeoutMs: config.WORKBENCH_INTAKE_TIMEOUT_MS,
    memoryMb: config.WORKBENCH_INTAKE_MEMORY_MB,
    threads: config.WORKBENCH_INTAKE_THREADS,
  });
  const deps = { config, store, intake };
  // Settings saved from the admin page fill in what no environment variable sets, now and whenever they are saved.
  await applyProviderSettings(deps);
  followProviderSettings(deps);
  return deps;
}

/** Close what createDeps opened. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.intake.close();
  await deps.store.close();
}
