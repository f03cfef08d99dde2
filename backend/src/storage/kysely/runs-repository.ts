import type { Kysely } from 'kysely';
import type { ModelRunsRepository } from '../repositories.ts';
import type { Database } from '../types.ts';

export function runsRepository(db: Kysely<Database>): ModelRunsRepository {
  return {
    async insert(run) {
      await db.insertInto('model_runs').values(run).execute();
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
