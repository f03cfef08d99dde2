import type { Kysely } from 'kysely';

/** The termbase and the translation memory. Keys (`*_key`) hold `matchKey` of the text, for lookups. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vi', 'text', (c) => c.notNull())
    .addColumn('vi_key', 'text', (c) => c.notNull())
    .addColumn('en', 'text', (c) => c.notNull())
    .addColumn('abbr', 'text')
    .addColumn('note', 'text')
    .addColumn('forbidden_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('case_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('domain', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terms_vi_key').on('terms').column('vi_key').execute();

  await db.schema
    .createTable('tm_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('segment_id', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('approved'))
    .execute();
  await db.schema.createIndex('tm_units_source_key').on('tm_units').column('source_key').execute();
  await db.schema.createIndex('tm_units_pair').on('tm_units').columns(['source_key', 'target']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tm_units').execute();
  await db.schema.dropTable('terms').execute();
}
