/** Termbase import as spreadsheets and other tools write it: identity, overwrite report, dry run, encodings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (payload: string | Buffer, url = '/api/terms/import') => t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv' } });
const list = async () => (await t.app.inject('/api/terms')).json().terms as { id: string; vi: string; en: string; note?: string; abbr?: string; caseSensitive: boolean; validTo?: string }[];

describe('POST /api/terms/import', () => {
  it('reads a semicolon file from Excel in a Vietnamese locale and lists every skipped row with its line', async () => {
    const csv = '\uFEFFvi;en;note\r\nSở Tư pháp;Department of Justice;"Cơ quan; cấp tỉnh"\r\nSở Y tế;Department of Health;\r\n;Orphan;\r\nChỉ thị;;\r\n';
    const res = await post(Buffer.from(csv, 'utf8'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'csv', delimiter: ';', imported: 2, created: 2, skipped: 2,
      skippedItems: [{ line: 4, reason: 'no Vietnamese (vi) term' }, { line: 5, reason: 'no English (en) term' }],
    });
    expect((await list()).find((e) => e.vi === 'Sở Tư pháp')?.note).toBe('Cơ quan; cấp tỉnh');
  });

  it('reads an Excel "Unicode Text" upload (UTF-16LE, tabs) and refuses a file that decodes to garbage with a 400', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('vi\ten\r\nBộ Công an\tMinistry of Public Security\r\n', 'utf16le')]);
    const { payload, headers } = multipartBody('terms.txt', utf16);
    const res = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload, headers });
    expect(res.json()).toMatchObject({ format: 'csv', delimiter: '\t', created: 1, skipped: 0 });
    expect((await list()).some((e) => e.vi === 'Bộ Công an' && e.en === 'Ministry of Public Security')).toBe(true);

    const before = await list();
    const garbage = await post(Buffer.from([0x76, 0x69, 0x2c, 0x65, 0x6e, 0x0a, 0x48, 0xf2, 0x61, 0x2c, 0x48, 0x6f, 0x61, 0x0a]));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error).toMatchObject({ code: 'ERR_INTERCHANGE_ENCODING', message: expect.stringContaining('not UTF-8') });
    expect(await list()).toEqual(before);
  });

  it('reports what it would overwrite with dryRun, saves nothing then, and never blanks a field from an empty cell', async () => {
    await post('vi,en,abbr,note,valid_to\ntỉnh Hà Tây,Ha Tay Province,HT,Sáp nhập vào Hà Nội,2008-07-31\n');
    const stored = (await list()).find((e) => e.vi === 'tỉnh Hà Tây')!;
    // The note changes; abbr and valid_to are empty cells and must keep their values.
    const csv = 'vi,en,abbr,note,valid_to\ntỉnh Hà Tây,ha tay province,,Sáp nhập vào Thủ đô Hà Nội năm 2008,\n';
    const dry = await post(csv, '/api/terms/import?dryRun=true');
    const report = {
      format: 'csv', imported: 1, created: 0, updated: 1, unchanged: 0, skipped: 0,
      overwritten: [{ id: stored.id, vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', fields: [{ field: 'en', from: 'Ha Tay Province', to: 'ha tay province' }, { field: 'note', from: 'Sáp nhập vào Hà Nội', to: 'Sáp nhập vào Thủ đô Hà Nội năm 2008' }] }],
    };
    expect(dry.json()).toMatchObject({ ...report, dryRun: true });
    expect((await list()).find((e) => e.id === stored.id)).toEqual(stored);
    expect((await post(csv)).json()).toMatchObject({ ...report, dryRun: false });
    expect((await list()).find((e) => e.id === stored.id)).toMatchObject({ en: 'ha tay province', abbr: 'HT', note: 'Sáp nhập vào Thủ đô Hà Nội năm 2008', validTo: '2008-07-31' });
  });

  it('one identity rule: a TBX entry from another tool, then CSV and TBX round trips of the export, never duplicate', async () => {
    const tbx = `<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd"><martif type="TBX" xml:lang="en"><text><body>
      <termEntry id="42"><langSet xml:lang="vi"><tig><term>Ban Đối ngo&#x1EA1;i Tỉnh ủy</term></tig></langSet><langSet xml:lang="en"><tig><term>Provincial Party Committee's Commission for External Relations</term></tig></langSet></termEntry>
    </body></text></martif>`;
    const first = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: tbx, headers: { 'content-type': 'application/xml' } });
    expect(first.json()).toMatchObject({ format: 'tbx', created: 1 });
    const count = (await list()).length;
    const again = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: tbx, headers: { 'content-type': 'application/xml' } });
    expect(again.json()).toMatchObject({ created: 0, unchanged: 1 });
    for (const format of ['csv', 'tbx']) {
      const file = (await t.app.inject(`/api/terms/export?format=${format}`)).rawPayload;
      const res = await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: file, headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/xml' } });
      expect(res.json()).toMatchObject({ format, created: 0, updated: 0, unchanged: count });
    }
    expect((await list()).length).toBe(count);
    expect((await list()).filter((e) => e.vi === 'Ban Đối ngoại Tỉnh ủy')).toHaveLength(1);
  });

  it('the API refuses a second entry with the same terms written differently, by creation or by an edit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'Ban Đối ngoại Tỉnh ủy', en: "provincial party committee's commission for external relations" } });
    expect(res.statusCode).toBe(409);
    const other = (await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'Ban Tuyên giáo Tỉnh ủy', en: 'Provincial Party Propaganda Commission' } })).json();
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/terms/${other.id}`, payload: { vi: 'Ban Đối ngoại Tỉnh uỷ', en: "Provincial Party Committee's Commission for External Relations" } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('ERR_CONFLICT');
  });
});
