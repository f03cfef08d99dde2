import { sql, type Kysely } from 'kysely';
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
      if (rows.length === 0) return;
      await db.transaction().execute(async (tx) => {
        for (const row of rows) {
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
        }
      });
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
    async upsert(unit) {
      return db
        .insertInto('tm_units')
        .values(unit)
        .onConflict((oc) => oc.columns(['source_key', 'target']).doUpdateSet((eb) => ({
          created_by: eb.ref('excluded.created_by'), updated_at: eb.ref('excluded.updated_at'),
          article_id: eb.ref('excluded.article_id'), segment_id: eb.ref('excluded.segment_id'),
        })))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    byKey: (key) => db.selectFrom('tm_units').selectAll().where('source_key', '=', key).orderBy('updated_at', 'desc').execute(),
    byKeyLength: (min, max) =>
      db.selectFrom('tm_units').selectAll().where(sql<number>`length(source_key)`, '>=', min).where(sql<number>`length(source_key)`, '<=', max).execute(),
    all: () => db.selectFrom('tm_units').selectAll().orderBy('created_at').orderBy('id').execute(),
    async count() {
      const r = await db.selectFrom('tm_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
