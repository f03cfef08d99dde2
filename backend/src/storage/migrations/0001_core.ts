import type { Kysely } from 'kysely';
import { floatType, withAutoId } from '../dialect.ts';

/** Articles, their segments with edit history, jobs, model-call provenance and briefs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_format', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('original_path', 'text')
    .addColumn('removed_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conversions_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('model_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text')
    .addColumn('article_id', 'text')
    .addColumn('segment_id', 'text')
    .addColumn('prompt_id', 'text', (c) => c.notNull())
    .addColumn('prompt_version', 'text', (c) => c.notNull())
    .addColumn('prompt_hash', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('cache_key', 'text')
    .addColumn('output', 'text')
    .addColumn('tokens_in', 'integer')
    .addColumn('tokens_out', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('cost_usd', floatType(db))
    .addColumn('cached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_runs_cache_key').on('model_runs').column('cache_key').execute();
  await db.schema.createIndex('model_runs_article').on('model_runs').column('article_id').execute();

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sentences_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('machine_translation', 'text')
    // No foreign key: runs outlive nothing, but a segment must not block pruning old runs.
    .addColumn('mt_run_id', 'text')
    .addColumn('translation', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('error', 'text')
    .addColumn('qa_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('segments_article_idx', ['article_id', 'idx'])
    .execute();

  await withAutoId(db, db.schema.createTable('segment_edits'))
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('editor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('before_translation', 'text')
    .addColumn('after_translation', 'text')
    .addColumn('before_status', 'text', (c) => c.notNull())
    .addColumn('after_status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segment_edits_segment').on('segment_edits').column('segment_id').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_article').on('jobs').column('article_id').execute();

  await db.schema
    .createTable('briefs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('job_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('length', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('briefs_article').on('briefs').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['briefs', 'jobs', 'segment_edits', 'segments', 'model_runs', 'articles']) {
    await db.schema.dropTable(t).execute();
  }
}
