import type { Kysely } from 'kysely';
import type { JobsRepository } from '../repositories.ts';
import type { Database } from '../types.ts';

export function jobsRepository(db: Kysely<Database>): JobsRepository {
  return {
    create: (job) => db.insertInto('jobs').values(job).returningAll().executeTakeFirstOrThrow(),
    get: (id) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst(),
    update: (id, patch) => db.updateTable('jobs').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
    listByArticle: (articleId) =>
      db.selectFrom('jobs').selectAll().where('article_id', '=', articleId).orderBy('created_at', 'desc').execute(),
    listByStatus: (statuses) => db.selectFrom('jobs').selectAll().where('status', 'in', statuses).execute(),
  };
}
