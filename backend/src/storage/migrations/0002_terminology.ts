import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { matchKey } from '../../text/normalise.ts';
import { parseTermsCsv } from '../../text/terms.ts';

const STARTER = path.join(import.meta.dirname, '../../terminology/starter-termbase.csv');

/**
 * The termbase and the translation memory. Keys (`*_key`) hold `matchKey` of the text, for lookups.
 * The starter termbase is loaded here, once, so a new database starts with it and a termbase an office emptied on
 * purpose stays empty.
 */
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
  const now = new Date().toISOString();
  const starter = parseTermsCsv(fs.readFileSync(STARTER, 'utf8')).map((e) => ({
    id: e.id, vi: e.vi, vi_key: matchKey(e.vi), en: e.en, abbr: e.abbr ?? null, note: e.note ?? null,
    forbidden_json: JSON.stringify(e.forbidden), case_sensitive: e.caseSensitive ? 1 : 0,
    valid_from: e.validFrom ?? null, valid_to: e.validTo ?? null, domain: e.domain ?? null, created_at: now, updated_at: now,
  }));
  if (starter.length > 0) await (db as Kysely<{ terms: (typeof starter)[number] }>).insertInto('terms').values(starter).execute();

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
