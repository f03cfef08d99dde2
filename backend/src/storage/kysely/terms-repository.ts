import { sql, type Kysely } from 'kysely';
import { inSlices } from '../batches.ts';
import { greater, lesser } from '../dialect.ts';
import type { TermsRepository, TranslationMemoryRepository } from '../terminology-types.ts';
import type { Database } from '../types.ts';

export function termsRepository(db: Kysely<Database>): TermsRepository {
  return {
    list: () => db.selectFrom('terms').selectAll().orderBy('vi_key').orderBy('id').execute(),
    get: (id) => db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst(),
    async count() {
      const r = await db.selectFrom('terms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async upsert(rows) {
      await inSlices(rows.length, (from, more) => db.transaction().execute(async (tx) => {
        let i = from;
        do {
          const row = rows[i++]!;
          await tx
            .insertInto('terms')
            .values(row)
            .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
              vi: eb.ref('excluded.vi'), vi_key: eb.ref('excluded.vi_key'), en: eb.ref('excluded.en'), abbr: eb.ref('excluded.abbr'),
              note: eb.ref('excluded.note'), forbidden_json: eb.ref('excluded.forbidden_json'), case_sensitive: eb.ref('excluded.case_sensitive'),
              valid_from: eb.ref('excluded.valid_from'), valid_to: eb.ref('excluded.valid_to'), domain: eb.ref('excluded.domain'),
              updated_at: eb.ref('excluded.updated_at'),
            })))
            .execute();
        } while (i < rows.length && more());
        return i;
      }));
    },
    update: (id, patch) => db.updateTable('terms').set(patch).where('id', '=', id).returningAll().executeTakeFirst(),
    async delete(id) {
      const r = await db.deleteFrom('terms').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export function translationMemoryRepository(db: Kysely<Database>): TranslationMemoryRepository {
  return {
    batch: (work) => db.transaction().execute((tx) => work(translationMemoryRepository(tx))),
    async upsert(unit) {
      return db
        .insertInto('tm_units')
        .values(unit)
        .onConflict((oc) => oc.columns(['source_key', 'target']).doUpdateSet({
          // The earlier creation wins with its author; the later change wins with its author (ISO strings sort by time).
          created_by: sql`CASE WHEN excluded.created_at < tm_units.created_at THEN excluded.created_by ELSE coalesce(tm_units.created_by, excluded.created_by) END`,
          created_at: lesser(db, sql.ref('tm_units.created_at'), sql.ref('excluded.created_at')),
          changed_by: sql`CASE WHEN excluded.updated_at >= tm_units.updated_at THEN coalesce(excluded.changed_by, tm_units.changed_by) ELSE coalesce(tm_units.changed_by, excluded.changed_by) END`,
          updated_at: greater(db, sql.ref('tm_units.updated_at'), sql.ref('excluded.updated_at')),
          // A link to an article and segment is never dropped by a unit that has none (a TMX import).
          article_id: sql`coalesce(excluded.article_id, tm_units.article_id)`,
          segment_id: sql`CASE WHEN excluded.article_id IS NOT NULL THEN excluded.segment_id ELSE tm_units.segment_id END`,
          props_json: sql`CASE WHEN excluded.props_json = '[]' THEN tm_units.props_json ELSE excluded.props_json END`,
          notes_json: sql`CASE WHEN excluded.notes_json = '[]' THEN tm_units.notes_json ELSE excluded.notes_json END`,
          // The latest QA verdict of the pair (an approval with an override, or a re-checked import) is the one that counts.
          qa_status: sql`excluded.qa_status`,
          qa_override: sql`excluded.qa_override`,
        }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    byKey: (key) => db.selectFrom('tm_units').selectAll().where('source_key', '=', key).orderBy('updated_at', 'desc').execute(),
    byKeyLength: (min, max) =>
      db.selectFrom('tm_units').selectAll().where(sql<number>`length(source_key)`, '>=', min).where(sql<number>`length(source_key)`, '<=', max).execute(),
    all: () => db.selectFrom('tm_units').selectAll().orderBy('created_at').orderBy('id').execute(),
    async markExamples(ids, at) {
      if (ids.length === 0) return;
      await db.updateTable('tm_units').set((eb) => ({ example_count: eb('example_count', '+', 1), last_example_at: at })).where('id', 'in', [...ids]).execute();
    },
    get: (id) => db.selectFrom('tm_units').selectAll().where('id', '=', id).executeTakeFirst(),
    filter(f) {
      let q = db.selectFrom('tm_units').selectAll();
      if (f.articleId) q = q.where('article_id', '=', f.articleId);
      if (f.author) q = q.where('created_by', '=', f.author);
      if (f.from) q = q.where('updated_at', '>=', f.from);
      if (f.to) q = q.where('updated_at', '<=', `${f.to}\uffff`);
      if (f.kind) q = q.where('unit_kind', '=', f.kind);
      if (f.sentAsExample !== undefined) q = q.where('example_count', f.sentAsExample ? '>' : '=', 0);
      return q.orderBy('updated_at', 'desc').orderBy('id').execute();
    },
    update: (id, patch) => db.updateTable('tm_units').set(patch).where('id', '=', id).returningAll().executeTakeFirst(),
    async delete(id) {
      await db.deleteFrom('tm_units').where('parent_id', '=', id).execute();
      const r = await db.deleteFrom('tm_units').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async count() {
      const r = await db.selectFrom('tm_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
