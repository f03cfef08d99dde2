import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { translationMemoryFor } from '../../services/translation-memory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const tm = translationMemoryFor(t.deps);
  await tm.recordApproved({ source: 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD.', translation: "In 2017, the province's export turnover reached only USD 505 million.", editor: 'lan', at: '2026-01-02T03:04:05.000Z' });
  await tm.recordApproved({ source: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.', translation: 'A Yamanashi (Japan) delegation held talks.', editor: 'minh', at: '2026-01-03T03:04:05.000Z' });
});
afterAll(() => t.close());

describe('GET /api/tm/lookup', () => {
  it('finds an exact match regardless of tone placement and spacing', async () => {
    const res = await t.app.inject(`/api/tm/lookup?source=${encodeURIComponent('Đoàn  công tác tỉnh Yamanashi (Nhật Bản) làm việc.')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().matches).toEqual([
      { id: expect.stringMatching(/^tm_/), source: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.', target: 'A Yamanashi (Japan) delegation held talks.', score: 1, exact: true, createdBy: 'minh', changedBy: 'minh', updatedAt: '2026-01-03T03:04:05.000Z', kind: 'paragraph', qaStatus: 'passed' },
    ]);
  });

  it('finds a fuzzy match above the default 75% and none below it', async () => {
    const near = await t.app.inject(`/api/tm/lookup?source=${encodeURIComponent('Năm 2018, kim ngạch xuất khẩu của tỉnh đạt 605 triệu USD.')}`);
    const [m] = near.json().matches;
    expect(m).toMatchObject({ target: "In 2017, the province's export turnover reached only USD 505 million.", exact: false });
    expect(m.score).toBeGreaterThanOrEqual(0.75);
    expect(m.score).toBeLessThan(1);
    const far = await t.app.inject(`/api/tm/lookup?source=${encodeURIComponent('Năm 2018, doanh nghiệp FDI tăng.')}`);
    expect(far.json()).toEqual({ matches: [] });
    const loose = await t.app.inject(`/api/tm/lookup?threshold=0.5&source=${encodeURIComponent('Năm 2018, kim ngạch nhập khẩu đạt 414 triệu USD.')}`);
    expect(loose.json().matches).toHaveLength(1);
  });

  it('refuses a lookup without a source', async () => {
    const res = await t.app.inject('/api/tm/lookup');
    expect(res.statusCode).toBe(400);
  });
});

describe('TMX import and export', () => {
  it('exports TMX 1.4 with who and when and imports it into an empty memory', async () => {
    const res = await t.app.inject('/api/tm/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tmx+xml; charset=utf-8');
    expect(res.body).toContain('creationid="lan" creationdate="20260102T030405Z"');
    const other = await createTestApp();
    try {
      const imported = await other.app.inject({ method: 'POST', url: '/api/tm/import', payload: res.body, headers: { 'content-type': 'application/xml' } });
      expect(imported.json()).toEqual({ format: 'tmx', imported: 2, merged: 0, skipped: 0, skippedItems: [] });
      const again = await other.app.inject('/api/tm/export');
      const strip = (s: string) => s.replace(/tuid="[^"]+"/g, '');
      expect(strip(again.body)).toBe(strip(res.body));
    } finally {
      await other.close();
    }
  });

  it('refuses a file that is not TMX', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tm/import', payload: '<xliff version="2.0"/>', headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'ERR_INPUT_MALFORMED', message: 'Not a TMX file: the root element must be <tmx> (found <xliff>)' } });
  });
});

describe('translation memory service', () => {
  it('answers an exact match for the translation runtime and null otherwise', async () => {
    const tm = translationMemoryFor(t.deps);
    expect(await tm.exact('Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.')).toBe('A Yamanashi (Japan) delegation held talks.');
    expect(await tm.exact('Đoàn công tác tỉnh Yamanashi làm việc.')).toBeNull();
  });

  it('keeps one unit per source and English: the first creation stays, the later approval is the last change', async () => {
    const tm = translationMemoryFor(t.deps);
    await tm.recordApproved({ source: 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.', translation: 'A Yamanashi (Japan) delegation held talks.', editor: 'hoa', at: '2026-02-01T00:00:00.000Z' });
    const matches = await tm.lookup('Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc.');
    expect(matches.map((m) => [m.createdBy, m.changedBy, m.updatedAt])).toEqual([['minh', 'hoa', '2026-02-01T00:00:00.000Z']]);
  });
});

describe('TMX re-import of a pair already in the memory', () => {
  it('keeps the earliest creation and the latest change, never drops the link to the article and segment, and keeps props and notes', async () => {
    const app = await createTestApp();
    try {
      const tm = translationMemoryFor(app.deps);
      const source = 'Tỉnh ủy Hòa Bình ban hành Nghị quyết số 12-NQ/TU.';
      const target = 'The Hoa Binh Provincial Party Committee issued Resolution No. 12-NQ/TU.';
      await tm.recordApproved({ source, translation: target, editor: 'lan', articleId: 'art_1', segmentId: 'art_1-004', at: '2026-03-01T00:00:00.000Z' });
      const tmx = (created: string, changed: string) => `<?xml version="1.0"?><tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" adminlang="en" srclang="vi" datatype="plaintext"/><body>
        <tu creationid="agency" creationdate="${created}" changeid="reviewer" changedate="${changed}"><note>Đã duyệt</note><prop type="x-client">UBND</prop>
          <tuv xml:lang="vi-VN"><seg>T&#x1EC9;nh ủy Hòa Bình ban hành Nghị quyết số 12-NQ/TU.</seg></tuv><tuv xml:lang="en-GB"><seg>${target}</seg></tuv></tu></body></tmx>`;
      // Older creation, newer change: both win, the link stays.
      const res = await app.app.inject({ method: 'POST', url: '/api/tm/import', payload: tmx('20260101T000000Z', '20260401T000000Z'), headers: { 'content-type': 'application/xml' } });
      expect(res.json()).toEqual({ format: 'tmx', imported: 1, merged: 1, skipped: 0, skippedItems: [] });
      // Newer creation, older change: neither wins.
      await app.app.inject({ method: 'POST', url: '/api/tm/import', payload: tmx('20260501T000000Z', '20260201T000000Z').replace('agency', 'late').replace('reviewer', 'early'), headers: { 'content-type': 'application/xml' } });
      const exported = (await app.app.inject('/api/tm/export')).body;
      expect(exported).toContain('creationid="agency" creationdate="20260101T000000Z" changeid="reviewer" changedate="20260401T000000Z"');
      expect(exported).toContain('<note>Đã duyệt</note>');
      expect(exported).toContain('<prop type="x-client">UBND</prop>');
      expect(exported).toContain('<prop type="x-workbench-article">art_1</prop>');
      expect(exported).toContain('<prop type="x-workbench-segment">art_1-004</prop>');
      expect((exported.match(/<tu /g) ?? []).length).toBe(1);
      // A unit without dates (some tools write none) changes neither date.
      await app.app.inject({ method: 'POST', url: '/api/tm/import', payload: tmx('', '').replace(/ (creation|change)date=""/g, ''), headers: { 'content-type': 'application/xml' } });
      expect((await app.app.inject('/api/tm/export')).body).toContain('creationdate="20260101T000000Z" changeid="reviewer" changedate="20260401T000000Z"');
    } finally {
      await app.close();
    }
  });
});
