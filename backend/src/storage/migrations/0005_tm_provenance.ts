import type { Kysely } from 'kysely';

/**
 * Provenance of translation-memory units as TMX carries it: who changed a unit last (TMX changeid; created_by and
 * updated_at already hold creationid and changedate), and the TMX `<prop>`s and `<note>`s of imported units, so a
 * TMX export gives back what the import took in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tm_units').addColumn('changed_by', 'text').execute();
  await db.schema.alterTable('tm_units').addColumn('props_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('tm_units').addColumn('notes_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tm_units').dropColumn('notes_json').execute();
  await db.schema.alterTable('tm_units').dropColumn('props_json').execute();
  await db.schema.alterTable('tm_units').dropColumn('changed_by').execute();
}
