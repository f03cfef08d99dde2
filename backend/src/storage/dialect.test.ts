/**
 * What dialect.ts promises, held on the store of the suite's half (SQLite here, PostgreSQL in backend-pg): the audit
 * trail refuses every way of changing or removing its rows, containsText matches literally and ignores ASCII case,
 * the translation memory's upsert keeps the earlier creation and the later change, and auto ids continue after
 * rows copied in with their ids.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/helpers/test-store.ts';
import { containsText, dialectOf, resetAutoId } from './dialect.ts';
import type { OpenStore } from './index.ts';
import { translationMemoryRepository } from './kysely/terms-repository.ts';
import type { AuditRow } from './office-types.ts';

let store: OpenStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store?.close();
});

const audit = (action: string, id?: number): Omit<AuditRow, 'id'> & { id?: number } => ({
  ...(id === undefined ? {} : { id }),
  at: '2026-11-29T08:00:00.000Z', user_name: 'lan', address: '127.0.0.1', action, entity: 'segment', entity_id: 's1',
  article_id: 'a1', before_json: null, after_json: null, detail_json: null,
});

describe('the audit trail is append-only in the database', () => {
  it.each([
    { name: 'UPDATE', run: () => sql`UPDATE audit_log SET action = 'forged'`.execute(store.db) },
    { name: 'DELETE of one row', run: () => sql`DELETE FROM audit_log WHERE action = 'segment.edit'`.execute(store.db) },
    { name: 'DELETE of every row', run: () => sql`DELETE FROM audit_log`.execute(store.db) },
  ])('refuses $name', async ({ run }) => {
    await store.audit.append(audit('segment.edit'));
    const before = await store.audit.list({});
    await expect(run()).rejects.toThrow(/audit_log is append-only/);
    expect(await store.audit.list({})).toEqual(before);
  });

  it('refuses TRUNCATE on PostgreSQL (SQLite has none)', async ({ skip }) => {
    if (dialectOf(store.db) !== 'postgres') skip('SQLite has no TRUNCATE: DELETE FROM is its only way and is refused above');
    await store.audit.append(audit('segment.approve'));
    const before = await store.audit.list({});
    await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/audit_log is append-only/);
    expect(await store.audit.list({})).toEqual(before);
  });
});

describe('containsText', () => {
  const actions = ['100% done', '100 of them done', 'tm_import', 'tmXimport', 'path\\to', 'path/to', 'Segment.Approve', 'hòa bình'];
  let table = '';
  beforeAll(async () => {
    // a table of its own so the audit tests above cannot add rows to it
    table = `contains_${Math.random().toString(36).slice(2, 8)}`;
    await store.db.schema.createTable(table).addColumn('action', 'text').execute();
    await store.db.insertInto(table as never).values(actions.map((action) => ({ action })) as never).execute();
  });

  it.each([
    { text: '%', expected: ['100% done'] },
    { text: '0% d', expected: ['100% done'] },
    { text: '_', expected: ['tm_import'] },
    { text: 'm_i', expected: ['tm_import'] },
    { text: '\\', expected: ['path\\to'] },
    { text: 'h\\t', expected: ['path\\to'] },
    { text: 'segment.approve', expected: ['Segment.Approve'] },
    { text: 'TM_IMPORT', expected: ['tm_import'] },
    { text: 'òa b', expected: ['hòa bình'] },
    { text: 'HòA', expected: ['hòa bình'] },
  ])('$text matches $expected', async ({ text, expected }) => {
    const rows = await store.db.selectFrom(table as never).select(sql<string>`action`.as('action')).where(containsText(store.db, 'action', text)).execute();
    expect(rows.map((r) => (r as { action: string }).action).sort()).toEqual(expected);
  });
});

describe('the translation memory upsert keeps the earlier creation and the later change', () => {
  const tm = () => translationMemoryRepository(store.db);
  const unit = (id: string, at: { created: string; updated: string }, by: string) => ({
    id, source: 'Tỉnh Hòa Bình', source_key: 'tinh hoa binh', target: 'Hoa Binh province', created_by: by, changed_by: by,
    created_at: at.created, updated_at: at.updated, article_id: null, segment_id: null, origin: 'import',
  });

  it.each([
    { name: 'an older unit arrives second', second: { created: '2026-01-01T00:00:00.000Z', updated: '2026-01-02T00:00:00.000Z' } },
    { name: 'a newer unit arrives second', second: { created: '2026-09-01T00:00:00.000Z', updated: '2026-09-02T00:00:00.000Z' } },
  ])('$name', async ({ second }) => {
    const first = { created: '2026-05-01T00:00:00.000Z', updated: '2026-05-02T00:00:00.000Z' };
    await store.db.deleteFrom('tm_units').execute();
    await tm().upsert(unit('tm-a', first, 'lan'));
    const merged = await tm().upsert(unit('tm-b', second, 'minh'));
    const older = second.created < first.created ? second : first;
    const newer = second.updated > first.updated ? second : first;
    expect(merged).toMatchObject({ id: 'tm-a', created_at: older.created, updated_at: newer.updated });
    expect(merged.created_by).toBe(older === second ? 'minh' : 'lan');
    expect(merged.changed_by).toBe(newer === second ? 'minh' : 'lan');
    expect(await tm().all()).toHaveLength(1);
  });
});

describe('resetAutoId', () => {
  it('numbers the next row after rows written with their ids', async () => {
    const ids = (await store.db.selectFrom('audit_log').select('id').execute()).map((r) => r.id);
    const top = Math.max(0, ...ids);
    await store.db.insertInto('audit_log').values([audit('copy.one', top + 10), audit('copy.two', top + 11)] as never).execute();
    await resetAutoId(store.db, 'audit_log');
    await store.audit.append(audit('after.copy'));
    const [latest] = await store.audit.list({ action: 'after.copy' });
    expect(latest!.id).toBe(top + 12);
  });
});
