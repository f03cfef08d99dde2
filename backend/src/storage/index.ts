/**
 * The store: repositories over one Kysely instance. `db` is exposed for feature repositories (terminology,
 * translation memory, evals) that add their own tables through migrations.
 */
import type { Kysely } from 'kysely';
import { localBus, postgresBus } from './event-bus.ts';
import { openDatabase, storeLocation, type OpenDatabaseOptions, type StoreLocation } from './db.ts';
import { accountsRepository, type AccountsRepository } from './kysely/accounts-repository.ts';
import { articlesRepository } from './kysely/articles-repository.ts';
import { auditRepository, type AuditRepository } from './kysely/audit-repository.ts';
import { briefsRepository } from './kysely/briefs-repository.ts';
import { jobsRepository } from './kysely/jobs-repository.ts';
import { runsRepository } from './kysely/runs-repository.ts';
import { segmentsRepository } from './kysely/segments-repository.ts';
import type { Store } from './repositories.ts';
import type { Database } from './types.ts';

export type { Store } from './repositories.ts';
export type { StoreLocation } from './db.ts';

export interface OpenStore extends Store {
  db: Kysely<Database>;
  /** Where the data lives: a SQLite file or a PostgreSQL URL. */
  location: StoreLocation;
  accounts: AccountsRepository;
  audit: AuditRepository;
}

/** Open (and migrate) the database and return the repositories over it. */
export async function createStore(opts: OpenDatabaseOptions): Promise<OpenStore> {
  const db = await openDatabase(opts);
  const location = storeLocation(opts);
  const bus = location.kind === 'postgres' ? postgresBus(db, location.url) : localBus();
  return {
    db,
    location,
    bus,
    articles: articlesRepository(db),
    segments: segmentsRepository(db),
    jobs: jobsRepository(db),
    runs: runsRepository(db),
    briefs: briefsRepository(db),
    accounts: accountsRepository(db),
    audit: auditRepository(db),
    async close() {
      await bus.close();
      await db.destroy();
    },
  };
}
