import { sql, type Kysely } from 'kysely';
import { makeAppendOnly, withAutoId } from '../dialect.ts';

/**
 * The office server: accounts, sessions, personal API tokens, the append-only audit trail, reviewers' MQM annotations
 * and article assignments. Segment edit history no longer cascades away with its article: the record of who changed
 * what must outlive the text it was about.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Only a hash of the cookie value is stored: a copy of the database does not sign anyone in.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withAutoId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('address', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('article_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('detail_json', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_article').on('audit_log').column('article_id').execute();
  await db.schema.createIndex('audit_log_user').on('audit_log').column('user_name').execute();
  // Append-only in the database itself, not only by the absence of a route: an UPDATE or DELETE aborts.
  await makeAppendOnly(db, 'audit_log');

  await withAutoId(db, db.schema.createTable('segment_annotations'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('before_translation', 'text')
    .addColumn('after_translation', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segment_annotations_article').on('segment_annotations').column('article_id').execute();

  // Provider settings saved from the admin page; the API key only encrypted (the key to it lives outside the database).
  await db.schema
    .createTable('provider_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('api_key_enc', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  for (const col of ['assignee', 'reviewer', 'due_date', 'final_approved_by', 'final_approved_at']) {
    await db.schema.alterTable('articles').addColumn(col, 'text').execute();
  }

  // segment_edits without the cascading foreign key, and with its article, so history outlives a deletion.
  await withAutoId(db, db.schema.createTable('segment_edits_kept'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('editor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('before_translation', 'text')
    .addColumn('after_translation', 'text')
    .addColumn('before_status', 'text', (c) => c.notNull())
    .addColumn('after_status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO segment_edits_kept (id, segment_id, article_id, editor, at, before_translation, after_translation, before_status, after_status, version)
    SELECT e.id, e.segment_id, s.article_id, e.editor, e.at, e.before_translation, e.after_translation, e.before_status, e.after_status, e.version
    FROM segment_edits e LEFT JOIN segments s ON s.id = e.segment_id`.execute(db);
  await db.schema.dropTable('segment_edits').execute();
  await db.schema.alterTable('segment_edits_kept').renameTo('segment_edits').execute();
  await db.schema.createIndex('segment_edits_segment').on('segment_edits').column('segment_id').execute();
  await db.schema.createIndex('segment_edits_article').on('segment_edits').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['provider_settings', 'segment_annotations', 'audit_log', 'api_tokens', 'sessions', 'users']) await db.schema.dropTable(t).execute();
}
