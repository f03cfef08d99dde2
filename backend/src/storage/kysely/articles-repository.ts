import type { Kysely } from 'kysely';
import type { ArticlesRepository } from '../repositories.ts';
import type { Database } from '../types.ts';

export function articlesRepository(db: Kysely<Database>): ArticlesRepository {
  return {
    async create(article, segments) {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('articles').values(article).execute();
        // Chunked so a long article stays under SQLite's bound-parameter limit.
        for (let i = 0; i < segments.length; i += 50) {
          await tx.insertInto('segments').values(segments.slice(i, i + 50)).execute();
        }
      });
    },
    get: (id) => db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst(),
    async revision(id) {
      const row = await db
        .selectFrom('articles')
        .leftJoin('segments', 'segments.article_id', 'articles.id')
        .selectAll('articles')
        .select((eb) => [
          eb.fn.count<number>('segments.id').as('segment_count'),
          eb.fn.sum<number>('segments.version').as('segment_versions'),
          eb.fn.max('segments.updated_at').as('segment_updated_at'),
        ])
        .where('articles.id', '=', id)
        .groupBy('articles.id')
        .executeTakeFirst();
      return row && JSON.stringify(Object.values(row));
    },
    list: () => db.selectFrom('articles').selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
    async setStatus(id, status) {
      await db.updateTable('articles').set({ status, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    },
    async assign(id, patch) {
      await db.updateTable('articles').set({ ...patch, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    },
    async delete(id) {
      const r = await db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
