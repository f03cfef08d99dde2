import type { Kysely } from 'kysely';

/**
 * The segments of a translate job as units of work that move between worker processes (PostgreSQL with pg-boss): one
 * row per segment, `pending` until one worker's result is saved with it (`done`), or `failed`, or `cancelled`. The
 * claim of a row and the save of its segment are one transaction, so a segment's result is written once even when
 * a task whose worker died is run again elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_tasks')
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_tasks_pk', ['job_id', 'segment_id'])
    .execute();
  await db.schema.createIndex('job_tasks_state').on('job_tasks').columns(['job_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_tasks').execute();
}
