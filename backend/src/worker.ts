/**
 * `npm run worker`: a process that only works on jobs, taking translate segments and briefs from the queue every
 * server and worker on the same PostgreSQL database share (DATABASE_URL). Start as many as the provider allows, on
 * any number of machines; stop with SIGTERM, which hands the tasks in flight back to the queue.
 */
import { loadConfig } from './config.ts';
import { applyProviderSettings, followProviderSettings } from './services/provider-settings.ts';
import { runtimeFor } from './services/translation-runtime.ts';
import { isPostgresUrl } from './storage/dialect.ts';
import { createStore } from './storage/index.ts';

let deps;
try {
  const config = loadConfig({ ...process.env, WORKBENCH_WORKER: 'on' });
  if (!isPostgresUrl(config.DATABASE_URL)) {
    throw new Error('npm run worker needs DATABASE_URL=postgres://… shared with the server; with the SQLite store the server runs every job itself');
  }
  const store = await createStore({ filename: '', databaseUrl: config.DATABASE_URL });
  deps = { config, store };
  await applyProviderSettings(deps);
  followProviderSettings(deps);
  if (!(config.OPENAI_API_KEY || config.OPENAI_BASE_URL)) {
    throw new Error('No model is configured: set OPENAI_API_KEY or OPENAI_BASE_URL (or save the provider settings from the admin page) before starting a worker');
  }
  const rt = await runtimeFor(deps);
  const concurrency = config.WORKBENCH_WORKER_CONCURRENCY ?? config.WORKBENCH_CONCURRENCY;
  console.log(`worker ready: ${concurrency} task(s) at a time, model ${config.WORKBENCH_MODEL}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await rt.close();
      await deps!.store.close();
      process.exit(0);
    });
  }
} catch (err) {
  console.error((err as Error).message);
  await deps?.store.close().catch(() => {});
  process.exit(1);
}
