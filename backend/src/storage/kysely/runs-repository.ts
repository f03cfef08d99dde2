import type { Kysely } from 'kysely';
import type { ModelRunsRepository } from '../repositories.ts';
import type { Database, ModelRunRow } from '../types.ts';

export function runsRepository(db: Kysely<Database>): ModelRunsRepository {
  return {
    async insert(run) {
      await db.insertInto('model_runs').values(run).execute();
    },
    async insertMany(runs) {
      // 18 columns a row: 200 rows stay well under SQLite's bound-parameter limit
      for (let i = 0; i < runs.length; i += 200) await db.insertInto('model_runs').values(runs.slice(i, i + 200)).execute();
    },
    get: (id) => db.selectFrom('model_runs').selectAll().where('id', '=', id).executeTakeFirst(),
    async getMany(ids) {
      const out = [];
      // Chunked to stay under SQLite's bound-parameter limit on long articles.
      for (let i = 0; i < ids.length; i += 500) {
        out.push(...(await db.selectFrom('model_runs').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()));
      }
      return out;
    },
    findCached: (cacheKey) =>
      db
        .selectFrom('model_runs')
        .selectAll()
        .where('cache_key', '=', cacheKey)
        .where('error', 'is', null)
        .where('output', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    async findCachedMany(keys) {
      const out = new Map<string, ModelRunRow>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db
          .selectFrom('model_runs')
          .selectAll()
          .where('cache_key', 'in', keys.slice(i, i + 500))
          .where('error', 'is', null)
          .where('output', 'is not', null)
          .orderBy('created_at')
          .execute();
        // oldest first, so the newest of each key is the one kept
        for (const r of rows) out.set(r.cache_key!, r);
      }
      return out;
    },
    findCachedRejection: (cacheKey) =>
      db
        .selectFrom('model_runs')
        .selectAll()
        .where('cache_key', '=', cacheKey)
        .where('error', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    listByArticle: (articleId) =>
      db.selectFrom('model_runs').selectAll().where('article_id', '=', articleId).orderBy('created_at').execute(),
  };
}
