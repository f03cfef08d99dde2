import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArticle } from '../../../test/helpers/seed-article.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

const TRADE = 'Năm 2019, kim ngạch xuất khẩu của tỉnh đạt 790,84 triệu USD.';
const WRONG = "In 2019, the province's export turnover reached USD 790,84 million.";
const RIGHT = "In 2019, the province's export turnover reached USD 790.84 million.";
const YAMANASHI = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc tại tỉnh.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const patch = (id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/segments/${id}`, payload });
const history = async (id: string) => (await t.app.inject(`/api/segments/${id}/history`)).json().edits as { afterStatus: string; qaOverride: string | null; editor: string }[];

describe('the QA gate on PATCH /api/segments/:id', () => {
  it('refuses to approve a segment with a QA error, saves nothing and lists the errors', async () => {
    const { segmentIds: [id] } = await seedArticle(t.deps.store, 'Gate', [TRADE]);
    const edited = (await patch(id!, { translation: WRONG, version: 1, editor: 'lan' })).json();
    expect(edited.status).toBe('edited');
    const res = await patch(id!, { status: 'approved', version: edited.version, editor: 'lan' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'ERR_QA_GATE_BLOCKED', message: `Segment ${id} has 1 QA error: fix it, or approve anyway with qaOverride.reason saying why. Nothing was saved.` },
      issues: [{ code: 'QA_NUMBER_FORMAT', severity: 'error', message: '"790,84" is written the Vietnamese way: in English write "790.84"', params: { digits: '790,84', english: '790.84' }, span: { side: 'translation', start: WRONG.indexOf('790,84'), end: WRONG.indexOf('790,84') + '790,84 million'.length } }],
    });
    const stored = await t.deps.store.segments.get(id!);
    expect([stored!.status, stored!.version]).toEqual(['edited', edited.version]);
    expect(await t.deps.store.db.selectFrom('tm_units').selectAll().where('segment_id', '=', id!).execute()).toEqual([]);
    // The same gate when the fix and the approval come in one request with a new error.
    const both = await patch(id!, { translation: WRONG.replace('2019', '2018'), status: 'approved', version: edited.version });
    expect(both.statusCode).toBe(409);
    expect(both.json().issues.map((i: { code: string }) => i.code)).toEqual(['QA_NUMBER_FORMAT', 'QA_NUMBER_CHANGED']);
  });

  it('approves over the error with a reason, kept in the history and on the memory unit', async () => {
    const { segmentIds: [id] } = await seedArticle(t.deps.store, 'Gate', [TRADE.replace('2019', '2020')]);
    const edited = (await patch(id!, { translation: WRONG.replace('2019', '2020'), version: 1 })).json();
    const short = await patch(id!, { status: 'approved', version: edited.version, qaOverride: { reason: ' ' } });
    expect(short.statusCode).toBe(400);
    const res = await patch(id!, { status: 'approved', version: edited.version, editor: 'minh', qaOverride: { reason: 'House style of the client keeps the decimal comma' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', version: edited.version + 1, propagated: [] });
    expect((await history(id!)).map((e) => [e.afterStatus, e.editor, e.qaOverride])).toEqual([
      ['edited', 'editor', null],
      ['approved', 'minh', 'House style of the client keeps the decimal comma'],
    ]);
    const units = await t.deps.store.db.selectFrom('tm_units').select(['qa_status', 'qa_override']).where('segment_id', '=', id!).execute();
    expect(units).toEqual([{ qa_status: 'override', qa_override: 'House style of the client keeps the decimal comma' }]);
  });

  it('approves a clean segment without an override and records none', async () => {
    const { segmentIds: [id] } = await seedArticle(t.deps.store, 'Gate', [TRADE.replace('2019', '2021')]);
    const res = await patch(id!, { translation: RIGHT.replace('2019', '2021'), status: 'approved', version: 1, qaOverride: { reason: 'not needed here' } });
    expect(res.statusCode).toBe(200);
    expect((await history(id!)).map((e) => e.qaOverride)).toEqual([null]);
  });
});

describe('propagation of an approved translation', () => {
  it('fills identical untouched segments, leaves edited ones, and undoes', async () => {
    const { segmentIds } = await seedArticle(t.deps.store, 'Repeats', [YAMANASHI, 'Câu khác.', YAMANASHI, YAMANASHI.replace('tỉnh.', 'tỉnh. ')]);
    const [a, , c, d] = segmentIds as [string, string, string, string];
    const dEdit = (await patch(d, { translation: 'Typed by hand.', version: 1 })).json();
    const res = await patch(a, { translation: 'A delegation from Yamanashi (Japan) worked in the province.', status: 'approved', version: 1 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.propagated).toEqual([{ id: c, version: 2, previous: { translation: null, status: 'new', origin: null, version: 1 } }]);
    expect(await t.deps.store.segments.get(c)).toMatchObject({ translation: 'A delegation from Yamanashi (Japan) worked in the province.', status: 'edited', origin: 'memory' });
    expect((await t.deps.store.segments.get(d))!.version).toBe(dEdit.version);

    const undo = await t.app.inject({ method: 'POST', url: '/api/segments/propagation/undo', payload: { items: body.propagated } });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ restored: [{ id: c, translation: null, status: 'new', version: 3 }], skipped: [] });
    // A second undo finds the segment changed since and leaves it.
    expect((await t.app.inject({ method: 'POST', url: '/api/segments/propagation/undo', payload: { items: body.propagated } })).json()).toEqual({ restored: [], skipped: [c] });
  });
});
