/**
 * Round trips through translate-toolkit (Debian package `translate-toolkit`, installed by .ci/run): the XLIFF 1.2
 * export goes to PO and back with pomerge, and the TMX and TBX exports are read by its storage classes. Skipped, and
 * said so, where the package is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import type { Segment } from '../../src/schemas/article.ts';

const PY = '/usr/bin/python3';
const installed = spawnSync(PY, ['-c', 'import translate.storage.tmx, translate.storage.tbx'], { stdio: 'ignore' }).status === 0 && spawnSync('xliff2po', ['--version'], { stdio: 'ignore' }).status === 0;
const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');

let t: TestApp;
let dir: string;
let articleId: string;
let segments: Segment[];

beforeAll(async () => {
  if (!installed) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-ttk-'));
  t = await createTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE } });
  articleId = res.json().id;
  segments = res.json().segments;
  // Four translated segments, the rest untranslated, as a file sent half-done to an agency looks.
  for (const [i, en] of ['Hoa Binh steps up external relations', 'The Yamanashi (Japan) delegation explored cooperation.', 'Party external relations were strengthened.', 'People-to-people diplomacy grew.'].entries()) {
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/segments/${segments[i]!.id}`, payload: { translation: en, version: 1 } });
    expect(patch.statusCode).toBe(200);
  }
  segments = (await t.app.inject(`/api/articles/${articleId}`)).json().segments;
});
afterAll(async () => {
  if (!installed) return;
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Replace the msgstr of the PO entry whose reference (`#: id`) is the segment id. */
function editPo(po: string, id: string, msgstr: string): string {
  const blocks = po.split(/\n\n/);
  const i = blocks.findIndex((b) => b.split('\n').some((l) => l.startsWith('#:') && l.split(/\s+/).includes(id)));
  expect(i, `PO entry for ${id}`).toBeGreaterThan(0);
  blocks[i] = blocks[i]!.replace(/\nmsgstr[\s\S]*$/, `\nmsgstr ${JSON.stringify(msgstr)}`).replace(/\n#, fuzzy/, '');
  return blocks.join('\n\n');
}

describe.skipIf(!installed)('translate-toolkit', () => {
  it('XLIFF 1.2 -> xliff2po -> two units edited -> pomerge -t -> re-import changes exactly those two segments', async () => {
    const xlf = path.join(dir, 'a.xlf');
    fs.writeFileSync(xlf, (await t.app.inject(`/api/articles/${articleId}/xliff?version=1.2`)).body);
    execFileSync('xliff2po', [xlf, path.join(dir, 'a.po')], { stdio: 'ignore' });
    let po = fs.readFileSync(path.join(dir, 'a.po'), 'utf8');
    po = editPo(po, segments[1]!.id, 'A delegation from Yamanashi Prefecture (Japan) explored cooperation and investment.');
    po = editPo(po, segments[5]!.id, 'Foreign affairs work in Hòa Bình was carried out well.');
    fs.writeFileSync(path.join(dir, 'b.po'), po);
    execFileSync('pomerge', ['-t', xlf, '-i', path.join(dir, 'b.po'), '-o', path.join(dir, 'b.xlf')], { stdio: 'ignore' });

    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: fs.readFileSync(path.join(dir, 'b.xlf')), headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: '1.2', updated: [segments[1]!.id, segments[5]!.id], ignored: [], unknownIds: [], changedSources: [] });
    const after = (await t.app.inject(`/api/articles/${articleId}`)).json().segments as Segment[];
    const changed = after.filter((s, i) => s.translation !== segments[i]!.translation || s.status !== segments[i]!.status).map((s) => [s.id, s.translation]);
    expect(changed).toEqual([
      [segments[1]!.id, 'A delegation from Yamanashi Prefecture (Japan) explored cooperation and investment.'],
      [segments[5]!.id, 'Foreign affairs work in Hòa Bình was carried out well.'],
    ]);
  });

  it('po2xliff -t output (a second <file> with new ids) applies through its location contexts', async () => {
    const xlf = path.join(dir, 'c.xlf');
    fs.writeFileSync(xlf, (await t.app.inject(`/api/articles/${articleId}/xliff?version=1.2`)).body);
    execFileSync('xliff2po', [xlf, path.join(dir, 'c.po')], { stdio: 'ignore' });
    const po = editPo(fs.readFileSync(path.join(dir, 'c.po'), 'utf8'), segments[6]!.id, 'Provincial leaders received foreign delegations.');
    fs.writeFileSync(path.join(dir, 'd.po'), po);
    execFileSync('po2xliff', ['-t', xlf, path.join(dir, 'd.po'), path.join(dir, 'd.xlf')], { stdio: 'ignore' });
    const res = await t.app.inject({ method: 'POST', url: `/api/articles/${articleId}/xliff`, payload: fs.readFileSync(path.join(dir, 'd.xlf')), headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.updated).toEqual([segments[6]!.id]);
    // The PO header unit is the one unit that names no segment, and it is reported with its reason.
    expect(body.ignored).toEqual([{ id: expect.any(String), reason: 'not-translatable', message: expect.stringContaining('PO header') }]);
  });

  it('its TMX and TBX storage classes read the exports', async () => {
    fs.writeFileSync(path.join(dir, 'm.tmx'), (await t.app.inject('/api/tm/export')).body);
    fs.writeFileSync(path.join(dir, 't.tbx'), (await t.app.inject('/api/terms/export?format=tbx')).body);
    const read = (mod: string, file: string) =>
      JSON.parse(execFileSync(PY, ['-c', `import json,sys; from translate.storage import ${mod}; f=${mod}.${mod}file.parsefile(sys.argv[1]); print(json.dumps([[u.getid(), u.source, u.target] for u in f.units]))`, path.join(dir, file)], { encoding: 'utf8' })) as string[][];
    const tm = (await t.app.inject(`/api/tm/lookup?source=${encodeURIComponent(segments[1]!.source)}`)).json().matches[0];
    expect(read('tmx', 'm.tmx')).toContainEqual([tm.id, segments[1]!.source, 'A delegation from Yamanashi Prefecture (Japan) explored cooperation and investment.']);
    const terms = (await t.app.inject('/api/terms')).json().terms as { id: string; vi: string; en: string }[];
    expect(read('tbx', 't.tbx')).toEqual(terms.map((e) => [e.id, e.vi, e.en]));
  });
});
