import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { schemaErrors } from '../../../test/helpers/xsd.ts';
import type { Segment } from '../../schemas/article.ts';

const FIXTURES = path.join(import.meta.dirname, '../../../test/fixtures');
const SAMPLE = fs.readFileSync(path.join(FIXTURES, 'hoabinh-doi-ngoai-2020.txt'), 'utf8');

let t: TestApp;
let articleId: string;
let segments: Segment[];
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE } });
  expect(res.statusCode).toBe(201);
  articleId = res.json().id;
  segments = res.json().segments;
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/segments/${segments[1]!.id}`, payload: { translation: 'The Yamanashi (Japan) delegation explored cooperation.', version: 1 } });
  expect(patch.statusCode).toBe(200);
});
afterAll(() => t.close());

const get = async (id: string) => (await t.app.inject(`/api/articles/${articleId}`)).json().segments.find((s: Segment) => s.id === id) as Segment;

describe.each([
  { version: '2.0', schema: 'xliff-core-2.0.xsd' },
  { version: '1.2', schema: 'xliff-core-1.2-strict.xsd' },
])('GET /api/articles/:id/xliff?version=$version', ({ version, schema }) => {
  it('exports every segment in a file that validates against the schema', async () => {
    const res = await t.app.inject(`/api/articles/${articleId}/xliff?version=${version}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-xliff+xml; charset=utf-8');
    for (const s of segments) expect(res.body).toContain(`id="${s.id}"`);
    expect(await schemaErrors(res.body, schema as 'xliff-core-2.0.xsd')).toEqual([]);
  });
});

describe('POST /api/articles/:id/xliff', () => {
  it('applies an edited target, reports unknown ids and changed sources, and changes nothing else', async () => {
    const exported = (await t.app.inject(`/api/articles/${articleId}/xliff?version=2.0`)).body;
    const first = segments[0]!;
    const third = segments[2]!;
    const before = (await t.app.inject(`/api/articles/${articleId}`)).json().segments as Segment[];
    let edited = exported
      .replace('The Yamanashi (Japan) delegation explored cooperation.', 'A delegation from Yamanashi Prefecture (Japan) explored cooperation and investment.')
      .replace('state="reviewed" subState="wb:edited"', 'state="final" subState="wb:edited"')
      .replace(`<unit id="${first.id}"`, '<unit id="not-a-segment"')
      .replace(`<source>${third.source.slice(0, 20)}`, `<source>Sửa nguồn ${third.source.slice(0, 20)}`);
    edited = edited.replace(`<segment id="${first.id}"`, '<segment id="not-a-segment"');
    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: edited, headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      version: '2.0', units: segments.length, updated: [segments[1]!.id], unchanged: segments.length - 3, unknownIds: ['not-a-segment'], changedSources: [third.id], conflicts: [],
      ignored: [
        { id: 'not-a-segment', reason: 'unknown-id', message: `Unit not-a-segment names no segment of article ${articleId}: was the file exported from another article?` },
        { id: third.id, reason: 'changed-source', message: expect.stringContaining(`Unit ${third.id}: its source is not the segment's source any more ("Sửa nguồn `) },
      ],
    });

    const after = (await t.app.inject(`/api/articles/${articleId}`)).json().segments as Segment[];
    const changed = after.find((s) => s.id === segments[1]!.id)!;
    expect(changed).toMatchObject({ translation: 'A delegation from Yamanashi Prefecture (Japan) explored cooperation and investment.', status: 'approved', origin: 'import' });
    expect(after.filter((s) => s.id !== changed.id)).toEqual(before.filter((s) => s.id !== changed.id));

    // Approval through the import put the pair into the memory.
    const tm = await t.app.inject(`/api/tm/lookup?source=${encodeURIComponent(changed.source)}`);
    expect(tm.json().matches[0]).toMatchObject({ target: changed.translation, exact: true, createdBy: 'xliff-import' });
  });

  it('re-importing the exported 1.2 file changes nothing', async () => {
    const exported = (await t.app.inject(`/api/articles/${articleId}/xliff?version=1.2`)).body;
    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: { content: exported } });
    expect(res.json()).toEqual({ version: '1.2', units: segments.length, updated: [], unchanged: segments.length, unknownIds: [], changedSources: [], conflicts: [], ignored: [], warning: `No segment changed: all ${segments.length} units are the same as stored` });
    expect((await get(segments[1]!.id)).status).toBe('approved');
  });

  it('says so when nothing changed: every unit of a file from another article is listed as ignored', async () => {
    const other = (await t.app.inject(`/api/articles/${articleId}/xliff?version=1.2`)).body.replaceAll(`id="${articleId}-`, 'id="art_other-');
    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: other, headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.updated).toEqual([]);
    expect(body.ignored).toHaveLength(segments.length);
    expect(body.ignored[0]).toEqual({ id: 'art_other-000', reason: 'unknown-id', message: `Unit art_other-000 names no segment of article ${articleId}: was the file exported from another article?` });
    expect(body.warning).toBe(`No segment changed: ${segments.length} of ${segments.length} units were ignored (${segments.length} unknown-id) and 0 were the same as stored`);
  });

  it('applies a file a Windows tool saved as UTF-16 with the xlf: prefix and inline codes around the edit', async () => {
    const s3 = segments[3]!;
    const xml = `<?xml version="1.0" encoding="UTF-16"?>
<xlf:xliff xmlns:xlf="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi" trgLang="en"><xlf:file id="f"><xlf:unit id="${s3.id}">
  <xlf:segment state="translated"><xlf:source>${s3.source.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</xlf:source><xlf:target>Party <xlf:pc id="1">external relations</xlf:pc> work<xlf:ph id="2"/> was stepped up.</xlf:target></xlf:segment>
</xlf:unit></xlf:file></xlf:xliff>`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: bytes, headers: { 'content-type': 'application/xml' } });
    expect(res.json()).toMatchObject({ version: '2.0', updated: [s3.id], ignored: [] });
    expect((await get(s3.id)).translation).toBe('Party external relations work was stepped up.');
  });

  it('answers 404 for an unknown article and 400 for a file that is not XLIFF', async () => {
    expect((await t.app.inject('/api/articles/nope/xliff')).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: '<tmx version="1.4"/>', headers: { 'content-type': 'application/xml' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ERR_INPUT_MALFORMED');
  });
});
