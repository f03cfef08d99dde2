import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('/api/terms', () => {
  it('starts with the starter termbase', async () => {
    const res = await t.app.inject('/api/terms');
    expect(res.statusCode).toBe(200);
    const terms = res.json().terms as { vi: string; en: string; abbr?: string }[];
    expect(terms).toHaveLength(52);
    expect(terms.find((x) => x.vi === 'Ủy ban nhân dân tỉnh')).toMatchObject({ en: "Provincial People's Committee", abbr: 'UBND tỉnh', forbidden: [], caseSensitive: false });
  });

  it('creates, reads, changes and deletes a term', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', forbidden: ['Hatay'], validTo: '2008-07-31', domain: 'place' } });
    expect(created.statusCode).toBe(201);
    const term = created.json();
    expect(term).toEqual({ id: term.id, vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', forbidden: ['Hatay'], caseSensitive: false, validTo: '2008-07-31', domain: 'place' });

    const dup = await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'tỉnh Hà Tây', en: 'Ha Tay Province' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ERR_CONFLICT');

    const patched = await t.app.inject({ method: 'PATCH', url: `/api/terms/${term.id}`, payload: { note: 'merged into Hà Nội in 2008', domain: null } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toEqual({ id: term.id, vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', note: 'merged into Hà Nội in 2008', forbidden: ['Hatay'], caseSensitive: false, validTo: '2008-07-31' });

    expect((await t.app.inject({ method: 'DELETE', url: `/api/terms/${term.id}` })).statusCode).toBe(204);
    const gone = await t.app.inject(`/api/terms/${term.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ error: { code: 'ERR_NOT_FOUND', message: `Term ${term.id} does not exist` } });
  });

  it('refuses a term without English with a 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'Chỉ thị', en: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('en');
  });

  it('round-trips through TBX export and import', async () => {
    const tbx = await t.app.inject('/api/terms/export?format=tbx');
    expect(tbx.statusCode).toBe(200);
    expect(tbx.headers['content-type']).toBe('application/x-tbx+xml; charset=utf-8');
    expect(tbx.body).toContain('<term>BTV Tỉnh ủy</term><termNote type="termType">abbreviation</termNote>');
    const before = (await t.app.inject('/api/terms')).json().terms;
    const imported = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: tbx.body, headers: { 'content-type': 'application/xml' } });
    // Its own export names every entry it already has: nothing is created, nothing changes.
    expect(imported.json()).toEqual({ format: 'tbx', imported: 0, skipped: 0, skippedItems: [], created: 0, updated: 0, unchanged: 52, overwritten: [], dryRun: false });
    expect((await t.app.inject('/api/terms')).json().terms).toEqual(before);
  });

  it('imports CSV as a raw body, as JSON and as an upload, and exports CSV', async () => {
    const csv = 'vi,en,abbr,note,forbidden\nSở Tư pháp,Department of Justice,,,Justice Department\n';
    const raw = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: csv, headers: { 'content-type': 'text/csv' } });
    const one = { format: 'csv', imported: 1, skipped: 0, skippedItems: [], created: 1, updated: 0, unchanged: 0, overwritten: [], dryRun: false, delimiter: ',' };
    expect(raw.json()).toEqual(one);
    const json = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: { content: 'vi,en\nSở Y tế,Department of Health\n' } });
    expect(json.json()).toEqual(one);
    const out = await t.app.inject('/api/terms/export?format=csv');
    expect(out.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(out.body.startsWith('\uFEFFvi,en,')).toBe(true);
    expect(out.body).toMatch(/\nSở Tư pháp,Department of Justice,,,Justice Department,,,,,term-[0-9a-f]{8}\n/);
    const { payload, headers } = multipartBody('terms.csv', Buffer.from('\uFEFFvi,en\nSở Công Thương,Department of Industry and Trade\n'));
    expect((await t.app.inject({ method: 'POST', url: '/api/terms/import', payload, headers })).json()).toEqual(one);
    const empty = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: 'vi,en\nChỉ thị,\n', headers: { 'content-type': 'text/csv' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('ERR_INPUT_MALFORMED');
  });
});
