import type { Kysely } from 'kysely';
import type { BriefsRepository } from '../repositories.ts';
import type { Database } from '../types.ts';

export function briefsRepository(db: Kysely<Database>): BriefsRepository {
  return {
    async insert(brief) {
      await db.insertInto('briefs').values(brief).execute();
    },
    latest: (articleId) =>
      db
        .selectFrom('briefs')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    listByArticle: (articleId) => db.selectFrom('briefs').selectAll().where('article_id', '=', articleId).orderBy('created_at', 'desc').execute(),
    get: (id) => db.selectFrom('briefs').selectAll().where('id', '=', id).executeTakeFirst(),
    updateIfVersion: (id, version, patch) =>
      db
        .updateTable('briefs')
        .set({ ...patch, version: version + 1, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst(),
  };
}
