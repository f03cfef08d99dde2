import type { Kysely } from 'kysely';

/**
 * Eval runs saved by `npm run eval -- --save`: one row per eval (a grid of prompt x model runs over a dataset), the
 * summary columns the Evals page lists, and the whole report.json for the comparison view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eval_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('prompts_json', 'text', (c) => c.notNull())
    .addColumn('models_json', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('winner', 'text')
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('eval_runs_created').on('eval_runs').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('eval_runs').execute();
}
