import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { docxText, unzip } from '../../services/export-unzip.ts';

const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');

let t: TestApp;
let articleId: string;
let segmentId: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE } });
  expect(res.statusCode).toBe(201);
  articleId = res.json().id;
  segmentId = res.json().segments[1].id;
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, payload: { translation: 'The Yamanashi (Japan) delegation explored cooperation.', version: 1 } });
  expect(patch.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/articles/:id/export', () => {
  it('downloads the translation as a Word document holding the edit', async () => {
    const res = await t.app.inject(`/api/articles/${articleId}/export?format=docx&kind=translation`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-translation\.docx"; filename\*=UTF-8''/);
    const text = docxText(unzip(res.rawPayload).get('word/document.xml')!.toString('utf8'));
    expect(text).toContain('The Yamanashi (Japan) delegation explored cooperation.');
    expect(text).toContain('[not translated]');
  });

  it('downloads the bilingual table as Markdown with the Vietnamese source', async () => {
    const res = await t.app.inject(`/api/articles/${articleId}/export?format=md&kind=bilingual`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body).toContain('| 2 | Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta. | The Yamanashi (Japan) delegation explored cooperation. | edited |');
  });

  it('refuses a final export while segments are unreviewed, then while QA errors remain, unless overridden', async () => {
    const notFinal = await t.app.inject(`/api/articles/${articleId}/export?format=md&kind=translation&final=true`);
    expect(notFinal.statusCode).toBe(409);
    expect(notFinal.json().error.code).toBe('ERR_EXPORT_NOT_FINAL');
    expect(notFinal.json().error.message).toMatch(/^\d+ segments are not approved \(1, 2, 3, /);
    // Every open segment, not only the ten the message names, so the editor can link each.
    const article = (await t.app.inject(`/api/articles/${articleId}`)).json();
    const open = article.segments.filter((s: { status: string }) => s.status !== 'approved');
    expect(open.length).toBeGreaterThan(10);
    expect(notFinal.json().segments).toEqual(open.map((s: { id: string; index: number; status: string }) => ({ segmentId: s.id, segmentIndex: s.index, status: s.status })));

    // A short article, every segment approved, one of them over a QA error.
    const small = (await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: 'Tỉnh có 534 hội viên.\n\nHội hữu nghị Việt - Thái có 350 hội viên.' } })).json();
    const [a, b] = small.segments as { id: string }[];
    const approve = (id: string, translation: string, extra = {}) => t.app.inject({ method: 'PATCH', url: `/api/segments/${id}`, payload: { translation, status: 'approved', version: 1, ...extra } });
    expect((await approve(a!.id, 'The province has 534 members.')).statusCode).toBe(200);
    expect((await approve(b!.id, 'The Vietnam-Thailand Friendship Association has 530 members.', { qaOverride: { reason: 'figure corrected by the source later' } })).statusCode).toBe(200);
    // A final copy needs an approved brief too.
    const noBrief = await t.app.inject(`/api/articles/${small.id}/export?format=md&kind=translation&final=true`);
    expect(noBrief.json().error).toMatchObject({ code: 'ERR_EXPORT_NOT_FINAL', message: expect.stringMatching(/no brief/) });
    const now = new Date().toISOString();
    const content = { headline: 'Friendship associations', summary: 'Two associations count their members.', keyPoints: [], people: [], organisations: [], places: [], figures: [], length: 'standard' };
    await t.deps.store.briefs.insert({ id: 'brf_final', article_id: small.id, job_id: null, run_id: null, length: 'standard', content_json: JSON.stringify(content), approved: 1, version: 1, created_at: now, updated_at: now, error: null, qa_override: null, restored_from: null });
    // The reviewer let b's error stand, with a reason, when approving it: the final export does not ask again.
    const released = await t.app.inject(`/api/articles/${small.id}/export?format=md&kind=translation&final=true`);
    expect(released.statusCode).toBe(200);
    // An error that appears later (a re-check after a termbase change) on a segment approved clean does block.
    await t.deps.store.segments.update(a!.id, { qa_json: JSON.stringify([{ code: 'QA_TERM_MISSING', severity: 'error', message: '"hội viên" should be "member"' }]) });
    const blocked = await t.app.inject(`/api/articles/${small.id}/export?format=md&kind=translation&final=true`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ error: { code: 'ERR_QA_GATE_BLOCKED', message: '1 segment still has QA errors: fix them, or export as final with qaOverride saying why. Nothing was exported.' }, issues: [{ code: 'QA_TERM_MISSING', segmentId: a!.id, segmentIndex: 0 }] });
    const ok = await t.app.inject({ url: `/api/articles/${small.id}/export`, query: { format: 'md', kind: 'translation', final: 'true', qaOverride: 'figure corrected by the source later' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('· Final (QA override: figure corrected by the source later) · Approved for release by editor; exported by editor.*');
    expect(ok.body).not.toContain('machine translation');
  });

  it.each([
    { name: 'unknown article', url: '/api/articles/nope/export?format=md&kind=translation', status: 404, code: 'ERR_ARTICLE_NOT_FOUND' },
    { name: 'no brief yet', url: () => `/api/articles/${articleId}/export?format=docx&kind=brief`, status: 404, code: 'ERR_NOT_FOUND' },
    { name: 'bad format', url: () => `/api/articles/${articleId}/export?format=pdf&kind=translation`, status: 400, code: 'ERR_VALIDATION' },
  ])('$name -> $status $code', async ({ url, status, code }) => {
    const res = await t.app.inject(typeof url === 'string' ? url : url());
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });
});
