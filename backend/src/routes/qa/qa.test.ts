import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Segment } from '../../schemas/article.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('POST /api/qa/check', () => {
  it('returns issues for a wrong figure and a forbidden variant from the termbase', async () => {
    const csv = 'vi,en,abbr,note,forbidden\nSở Tư pháp,Department of Justice,,,Justice Department\n';
    expect((await t.app.inject({ method: 'POST', url: '/api/terms/import', payload: csv, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/qa/check',
      payload: { source: 'Sở Tư pháp báo cáo 790,84 triệu USD.', translation: 'The Justice Department reported USD 79,084 million.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().issues.map((i: { code: string }) => i.code)).toEqual(['QA_NUMBER_CHANGED', 'QA_TERM_FORBIDDEN', 'QA_TERM_MISSING']);
  });

  it('returns no issue for a right translation of a sample line', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/qa/check',
      payload: { source: 'Năm 2017, kim ngạch xuất khẩu của tỉnh mới đạt 505 triệu USD.', translation: "In 2017, the province's export turnover reached only USD 505 million." },
    });
    expect(res.json()).toEqual({ issues: [] });
  });
});

describe('GET /api/articles/:id/qa', () => {
  it('checks every segment with the termbase and the article-level consistency check', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: 'Hòa Bình có 534 hội viên.\n\nHòa Bình có 350 hội viên.\n\nChưa dịch.' } });
    const segs = a.json().segments as Segment[];
    await t.app.inject({ method: 'PATCH', url: `/api/segments/${segs[0]!.id}`, payload: { translation: 'Hoa Binh has 534 members.', version: 1 } });
    await t.app.inject({ method: 'PATCH', url: `/api/segments/${segs[1]!.id}`, payload: { translation: 'Hòa Bình has 305 members.', version: 1 } });
    const res = await t.app.inject(`/api/articles/${a.json().id}/qa`);
    expect(res.statusCode).toBe(200);
    expect(res.json().segments.map((s: { id: string; issues: { code: string }[] }) => [s.id, s.issues.map((i) => i.code)])).toEqual([
      [segs[0]!.id, []],
      [segs[1]!.id, ['QA_NUMBER_CHANGED', 'QA_INCONSISTENT']],
      [segs[2]!.id, []],
    ]);
    expect((await t.app.inject('/api/articles/nope/qa')).statusCode).toBe(404);
  });
});
