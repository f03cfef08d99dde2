import type { Kysely } from 'kysely';
import type { EvalRunsRepository } from '../evals-types.ts';
import type { Database } from '../types.ts';

const LIST_COLUMNS = ['id', 'kind', 'dataset', 'items', 'prompts_json', 'models_json', 'summary_json', 'winner', 'created_at'] as const;

/** Saved eval runs over the shared Kysely instance. */
export function evalRunsRepository(db: Kysely<Database>): EvalRunsRepository {
  return {
    async insert(row) {
      await db.insertInto('eval_runs').values(row).execute();
    },
    list: (limit) => db.selectFrom('eval_runs').select([...LIST_COLUMNS]).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
    get: (id) => db.selectFrom('eval_runs').selectAll().where('id', '=', id).executeTakeFirst(),
  };
}
