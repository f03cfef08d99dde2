/**
 * What the routes and services need, built once at start. Tests build their own with an in-memory store
 * (`createDeps(loadConfig({...}), { filename: ':memory:' })`) and may swap any part.
 */
import path from 'node:path';
import type { Config } from './config.ts';
import { applyProviderSettings } from './services/provider-settings.ts';
import { createStore, type OpenStore } from './storage/index.ts';

export interface Deps {
  config: Config;
  store: OpenStore;
}

/** Open the store for `config` (or the given database file) and return the dependencies. */
export async function createDeps(config: Config, db?: { filename: string }): Promise<Deps> {
  const store = await createStore({
    filename: db?.filename ?? path.join(config.dataDir, 'workbench.db'),
    databaseUrl: config.DATABASE_URL,
  });
  const deps = { config, store };
  // Settings saved from the admin page fill in what no environment variable sets.
  await applyProviderSettings(deps);
  return deps;
}

/** Close what createDeps opened. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.store.close();
}
