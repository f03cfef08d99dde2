import type { Kysely } from 'kysely';
import type { SegmentCounts, SegmentsRepository } from '../repositories.ts';
import { inTransaction } from '../transaction.ts';
import type { Database } from '../types.ts';

const emptyCounts = (): SegmentCounts => ({ total: 0, new: 0, translated: 0, edited: 0, confirmed: 0, approved: 0, failed: 0, flagged: 0 });

export function segmentsRepository(db: Kysely<Database>): SegmentsRepository {
  const get = (id: string) => db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
  return {
    get,
    listByArticle: (articleId) =>
      db.selectFrom('segments').selectAll().where('article_id', '=', articleId).orderBy('idx').execute(),
    async countsByArticle() {
      const rows = await db
        .selectFrom('segments')
        .select((eb) => ['article_id', 'status', eb.fn.countAll<number>().as('n')])
        .groupBy(['article_id', 'status'])
        .execute();
      const flagged = await db
        .selectFrom('segments')
        .select((eb) => ['article_id', eb.fn.countAll<number>().as('n')])
        .where('qa_json', '!=', '[]')
        .groupBy('article_id')
        .execute();
      const out = new Map<string, SegmentCounts>();
      const at = (id: string) => out.get(id) ?? out.set(id, emptyCounts()).get(id)!;
      for (const r of rows) {
        const c = at(r.article_id);
        c.total += Number(r.n);
        if (r.status in c) c[r.status as keyof SegmentCounts] += Number(r.n);
      }
      for (const r of flagged) at(r.article_id).flagged = Number(r.n);
      return out;
    },
    async updateIfVersion(id, version, patch, editor, qaOverride = null) {
      return inTransaction(db, async (tx) => {
        const before = await tx.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before || before.version !== version) return undefined;
        const now = new Date().toISOString();
        const after = await tx
          .updateTable('segments')
          .set({ ...patch, version: version + 1, updated_at: now, updated_by: editor })
          .where('id', '=', id)
          .where('version', '=', version)
          .returningAll()
          .executeTakeFirst();
        if (!after) return undefined;
        await tx
          .insertInto('segment_edits')
          .values({
            segment_id: id,
            article_id: before.article_id,
            editor,
            at: now,
            before_translation: before.translation,
            after_translation: after.translation,
            before_status: before.status,
            after_status: after.status,
            version: after.version,
            qa_override: qaOverride,
          })
          .execute();
        return after;
      });
    },
    async update(id, patch) {
      const now = new Date().toISOString();
      return db
        .updateTable('segments')
        .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    historyOfArticle: (articleId) => db.selectFrom('segment_edits').selectAll().where('article_id', '=', articleId).orderBy('id').execute(),
    history: (id) => db.selectFrom('segment_edits').selectAll().where('segment_id', '=', id).orderBy('id').execute(),
  };
}
