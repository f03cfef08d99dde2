/**
 * The eval command's use of the workbench database (DATA_DIR): saving a report for the Evals page and exporting the
 * office's corrections as a dataset. The database stack loads only when one of these is asked for.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../backend/src/config.ts';

/** Open the workbench database (DATA_DIR, or `file`) for `fn`; the database stack loads only here. */
async function withDatabase<T>(config: Config, file: string | undefined, fn: (d: import('../../backend/src/deps.ts').Deps) => Promise<T>): Promise<T> {
  const { createDeps, closeDeps } = await import('../../backend/src/deps.ts');
  const d = await createDeps(config, file ? { filename: file } : undefined);
  try {
    return await fn(d);
  } finally {
    await closeDeps(d);
  }
}

/** Open the workbench database (DATA_DIR, or `file`) for the model-run cache; the caller closes it. */
export async function openRunStore(config: Config, file?: string): Promise<import('../../backend/src/storage/index.ts').OpenStore> {
  const { createStore } = await import('../../backend/src/storage/index.ts');
  await mkdir(config.dataDir, { recursive: true });
  return createStore({ filename: file ?? path.join(config.dataDir, 'workbench.db'), databaseUrl: config.DATABASE_URL });
}

/** Store a finished report for the Evals page; returns its id. */
export async function saveReport(config: Config, report: unknown, file?: string): Promise<string> {
  const { saveEvalReport, evalRunsFor } = await import('../../backend/src/services/evals.ts');
  return withDatabase(config, file, (d) => saveEvalReport(evalRunsFor(d.store), report));
}

/** Write the office's approved corrections as a dataset; returns how many. */
export async function exportCorrections(config: Config, file: string, database?: string): Promise<number> {
  const { listCorrections, toJsonl } = await import('../../backend/src/services/eval-corrections.ts');
  return withDatabase(config, database, async (d) => {
    const items = await listCorrections(d.store);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, toJsonl(items));
    return items.length;
  });
}

