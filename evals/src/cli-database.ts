/**
 * The eval command's use of the workbench database (DATA_DIR): saving a report for the Evals page and exporting the
 * office's corrections as a dataset. The database stack loads only when one of these is asked for.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../backend/src/config.ts';
import type { CliDeps } from './cli-support.ts';

/** Open the workbench database (DATA_DIR) for `fn`; the database stack loads only here. */
async function withDatabase<T>(config: Config, deps: CliDeps, fn: (d: import('../../backend/src/deps.ts').Deps) => Promise<T>): Promise<T> {
  const { createDeps, closeDeps } = await import('../../backend/src/deps.ts');
  const d = await createDeps(config);
  try {
    return await fn(d);
  } finally {
    await closeDeps(d);
  }
}

/** Store a finished report for the Evals page; returns its id. */
export async function saveReport(config: Config, deps: CliDeps, report: unknown): Promise<string> {
  const [{ saveEvalReport }, { evalRunsRepository }] = await Promise.all([
    import('../../backend/src/services/evals.ts'),
    import('../../backend/src/storage/kysely/evals-repository.ts'),
  ]);
  return withDatabase(config, deps, (d) => saveEvalReport(evalRunsRepository(d.store.db), report));
}

/** Write the office's approved corrections as a dataset; returns how many. */
export async function exportCorrections(config: Config, deps: CliDeps, file: string): Promise<number> {
  const { listCorrections, toJsonl } = await import('../../backend/src/services/eval-corrections.ts');
  return withDatabase(config, deps, async (d) => {
    const items = await listCorrections(d.store);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, toJsonl(items));
    return items.length;
  });
}

