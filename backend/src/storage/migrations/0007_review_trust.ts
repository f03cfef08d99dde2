import type { Kysely } from 'kysely';

/**
 * What review needs to be trusted: the reason an approval overrode a QA error (in the edit history), which memory
 * units passed QA and which were sent to the model as examples, sentence units inside an approved paragraph, and a
 * brief's failure reason and the version it was restored from (every brief version is its own row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('segment_edits').addColumn('qa_override', 'text').execute();
  // 'passed' | 'override' | 'failed' | 'unchecked': only the first two are used as examples for the model.
  await db.schema.alterTable('tm_units').addColumn('qa_status', 'text', (c) => c.notNull().defaultTo('unchecked')).execute();
  await db.schema.alterTable('tm_units').addColumn('qa_override', 'text').execute();
  await db.schema.alterTable('tm_units').addColumn('example_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('tm_units').addColumn('last_example_at', 'text').execute();
  // 'paragraph' (a whole segment) or 'sentence' (one sentence pair of an approved paragraph, `parent_id` its unit).
  await db.schema.alterTable('tm_units').addColumn('unit_kind', 'text', (c) => c.notNull().defaultTo('paragraph')).execute();
  await db.schema.alterTable('tm_units').addColumn('parent_id', 'text').execute();
  await db.schema.alterTable('briefs').addColumn('error', 'text').execute();
  await db.schema.alterTable('briefs').addColumn('restored_from', 'text').execute();
  await db.schema.alterTable('briefs').addColumn('qa_override', 'text').execute();
  await db.schema.createIndex('tm_units_article').on('tm_units').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tm_units_article').execute();
  for (const c of ['error', 'restored_from', 'qa_override']) await db.schema.alterTable('briefs').dropColumn(c).execute();
  for (const c of ['qa_status', 'qa_override', 'example_count', 'last_example_at', 'unit_kind', 'parent_id']) await db.schema.alterTable('tm_units').dropColumn(c).execute();
  await db.schema.alterTable('segment_edits').dropColumn('qa_override').execute();
}
