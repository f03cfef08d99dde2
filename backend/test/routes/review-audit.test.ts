/**
 * The office workflow end to end over HTTP: a translator confirms, a reviewer revises with MQM annotations and
 * approves, the quality report and the corrections dataset carry the annotations, a final export needs everything
 * approved, and the audit trail records each step with who, from where and before/after, append-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/auth/route-access.ts';
import { PASSWORD, signIn, userSession } from '../helpers/accounts.ts';
import { sampleParagraphs } from '../helpers/seed-article.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const as = (cookie: string) => ({ cookie, origin: 'http://localhost:80' });
let admin = '', lan = '', minh = '', reader = '';
let articleId = '';
let segs: { id: string; version: number; source: string }[] = [];
const paragraphs = sampleParagraphs().slice(1, 4);

beforeAll(async () => {
  t = await createTestApp();
  admin = await userSession(t.app, t.deps, 'quản-trị', 'admin');
  lan = await userSession(t.app, t.deps, 'Nguyễn Lan', 'translator');
  minh = await userSession(t.app, t.deps, 'Trần Minh', 'reviewer');
  reader = await userSession(t.app, t.deps, 'lãnh-đạo', 'reader');
  const created = await t.app.inject({ method: 'POST', url: '/api/articles', headers: as(lan), payload: { title: 'Đối ngoại Hòa Bình', text: paragraphs.join('\n\n') } });
  expect(created.statusCode).toBe(201);
  articleId = created.json().id;
  segs = created.json().segments;
  // a machine draft to correct, as a translation job would leave it
  for (const s of segs) await t.deps.store.segments.update(s.id, { machine_translation: `Draft of ${s.id}.`, translation: `Draft of ${s.id}.`, status: 'translated', origin: 'model' });
  segs = (await t.app.inject({ url: `/api/articles/${articleId}`, headers: as(lan) })).json().segments;
});
afterAll(async () => t?.close());

// The stand-in drafts ("Draft of …") fail QA (omission): sign-offs here say why they pass the QA gate.
const QA_OVERRIDE = { reason: 'short stand-in drafts of the workflow test' };
const patch = (cookie: string, i: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/segments/${segs[i]!.id}`, headers: as(cookie), payload: { version: segs[i]!.version, ...(body.status ? { qaOverride: QA_OVERRIDE } : {}), ...body } }).then((r) => {
    if (r.statusCode === 200) segs[i] = r.json();
    return r;
  });

describe('translate, confirm, revise with annotations, approve', () => {
  it('assigns the article and filters the list by "mine" and by due date', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/articles/${articleId}`, headers: as(admin), payload: { assignee: 'Nguyễn Lan', reviewer: 'Trần Minh', dueDate: '2026-12-01' } });
    expect(res.json()).toMatchObject({ assignee: 'Nguyễn Lan', reviewer: 'Trần Minh', dueDate: '2026-12-01' });
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/articles/${articleId}`, headers: as(admin), payload: { reviewer: 'Nguyễn Lan' } });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/articles?mine=true', headers: as(lan) })).json().articles.map((a: { id: string }) => a.id)).toEqual([articleId]);
    expect((await t.app.inject({ url: '/api/articles?mine=true', headers: as(admin) })).json().articles).toEqual([]);
    expect((await t.app.inject({ url: '/api/articles?dueBefore=2026-11-30', headers: as(lan) })).json().articles).toEqual([]);
    expect((await t.app.inject({ url: '/api/articles?dueBefore=2026-12-01', headers: as(lan) })).json().articles).toHaveLength(1);
  });

  it('a translator edits and confirms but may not approve', async () => {
    const edited = await patch(lan, 0, { translation: 'Hoa Binh stepped up its foreign relations.', status: 'confirmed' });
    expect(edited.json()).toMatchObject({ status: 'confirmed', translation: 'Hoa Binh stepped up its foreign relations.' });
    for (let i = 1; i < segs.length; i++) expect((await patch(lan, i, { status: 'confirmed' })).json().status).toBe('confirmed');
    const approve = await patch(lan, 1, { status: 'approved' });
    expect(approve.statusCode).toBe(403);
  });

  it('a reviewer who changes a confirmed translation must annotate the error', async () => {
    const bare = await patch(minh, 0, { translation: 'Hoa Binh Province stepped up its external relations.', status: 'approved' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('ERR_REVIEW_ANNOTATION_REQUIRED');
    const ok = await patch(minh, 0, {
      translation: 'Hoa Binh Province stepped up its external relations.',
      status: 'approved',
      annotations: [{ category: 'names-titles', severity: 'major', note: 'Tỉnh = Province' }],
    });
    expect(ok.json()).toMatchObject({ status: 'approved' });
    for (let i = 1; i < segs.length; i++) expect((await patch(minh, i, { status: 'approved' })).json().status).toBe('approved');
  });

  it('the quality report counts the annotation and the segments approved unchanged', async () => {
    const r = (await t.app.inject({ url: `/api/articles/${articleId}/quality`, headers: as(minh) })).json();
    // the title is a segment of its own: four in all
    const words = segs.reduce((n, s) => n + s.source.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
    expect(segs).toHaveLength(4);
    expect(r).toMatchObject({ sourceWords: words, segments: 4, approved: 4, approvedUnchanged: 3, errors: 1, penalty: 5, bySeverity: { minor: 0, major: 1, critical: 0 } });
    expect(r.scorePer1000).toBeCloseTo(5000 / words, 6);
    expect(r.byCategory).toEqual([{ category: 'names-titles', minor: 0, major: 1, critical: 0 }]);
    expect(r.annotations[0]).toMatchObject({ segmentId: segs[0]!.id, reviewer: 'Trần Minh', note: 'Tỉnh = Province', before: 'Hoa Binh stepped up its foreign relations.' });
    const csv = await t.app.inject({ url: `/api/articles/${articleId}/quality?format=csv`, headers: as(minh) });
    expect(csv.body).toContain(`${segs[0]!.id},names-titles,major,Tỉnh = Province,Trần Minh`);
  });

  it('the corrections dataset carries the annotations', async () => {
    const lines = (await t.app.inject({ url: '/api/eval-datasets/corrections', headers: as(minh) })).body.trim().split('\n').map((l) => JSON.parse(l));
    const item = lines.find((l: { id: string }) => l.id === segs[0]!.id);
    expect(item.annotations).toEqual([{ category: 'names-titles', severity: 'major', note: 'Tỉnh = Province' }]);
  });

  it('a final export needs the brief approved too, and records who approved', async () => {
    const early = await t.app.inject({ url: `/api/articles/${articleId}/export?format=md&final=true`, headers: as(reader) });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/no brief/);
    const now = new Date().toISOString();
    const content = {
      headline: 'Hoa Binh steps up foreign relations', summary: 'Hoa Binh Province expanded its foreign relations.',
      keyPoints: [1, 2, 3].map((n) => ({ text: `Point ${n}`, segmentIds: [segs[0]!.id] })), people: [], organisations: [], places: ['Hoa Binh'], figures: [], length: 'standard',
    };
    await t.deps.store.briefs.insert({ id: 'brf_test', article_id: articleId, job_id: null, run_id: null, length: 'standard', content_json: JSON.stringify(content), approved: 0, version: 1, created_at: now, updated_at: now, error: null, qa_override: null, restored_from: null });
    const byTranslator = await t.app.inject({ method: 'PUT', url: `/api/articles/${articleId}/brief`, headers: as(lan), payload: { content, approved: true, version: 1 } });
    expect(byTranslator.statusCode).toBe(403);
    const approved = await t.app.inject({ method: 'PUT', url: `/api/articles/${articleId}/brief`, headers: as(minh), payload: { content, approved: true, version: 1 } });
    expect(approved.json().approved).toBe(true);
    const final = await t.app.inject({ url: `/api/articles/${articleId}/export?format=md&final=true`, headers: as(reader) });
    expect(final.statusCode).toBe(200);
    expect(final.body).toContain('Hoa Binh Province stepped up its external relations.');
    expect(final.body).toContain('Approved for release by Trần Minh; exported by lãnh-đạo.');
    expect(decodeURIComponent(String(final.headers['x-approved-by']))).toBe('Trần Minh');
    const report = (await t.app.inject({ url: `/api/articles/${articleId}/quality`, headers: as(minh) })).json();
    expect(report.finalApprovedBy).toBe('Trần Minh');
  });
});

describe('the audit trail', () => {
  it('records each edit with who, from where and before/after, and failed sign-ins', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.7', payload: { name: 'Nguyễn Lan', password: 'không-đúng-mật-khẩu' } });
    const entries = (await t.app.inject({ url: '/api/audit?limit=1000', headers: as(admin) })).json().entries as { action: string; user: string; address: string; before: any; after: any; entityId: string; articleId: string }[];
    const edit = entries.find((e) => e.action === 'segment.edit' && e.user === 'Trần Minh' && e.entityId === segs[0]!.id)!;
    expect(edit).toMatchObject({
      address: '127.0.0.1', articleId,
      before: { translation: 'Hoa Binh stepped up its foreign relations.', status: 'confirmed' },
      after: { translation: 'Hoa Binh Province stepped up its external relations.', status: 'approved' },
    });
    expect(entries.find((e) => e.action === 'auth.login_failed')).toMatchObject({ user: 'Nguyễn Lan', address: '127.0.0.7' });
    expect(entries.find((e) => e.action === 'article.assign')).toMatchObject({ user: 'quản-trị', after: { assignee: 'Nguyễn Lan', reviewer: 'Trần Minh' } });
    expect(entries.find((e) => e.action === 'article.export_final')).toMatchObject({ user: 'lãnh-đạo', after: { approvers: ['Trần Minh'] } });
    expect(entries.find((e) => e.action === 'brief.save' && e.user === 'Trần Minh')).toMatchObject({ before: { approved: false }, after: { approved: true } });
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    expect(JSON.stringify(entries)).not.toContain('không-đúng-mật-khẩu');
  });

  it('filters by user, action and date, and exports CSV', async () => {
    const byUser = (await t.app.inject({ url: `/api/audit?user=${encodeURIComponent('Nguyễn Lan')}`, headers: as(admin) })).json().entries;
    expect(byUser.length).toBeGreaterThan(0);
    expect(new Set(byUser.map((e: { user: string }) => e.user))).toEqual(new Set(['Nguyễn Lan']));
    const byAction = (await t.app.inject({ url: '/api/audit?action=article.import', headers: as(admin) })).json().entries;
    expect(byAction.map((e: { action: string }) => e.action)).toEqual(['article.import']);
    expect((await t.app.inject({ url: '/api/audit?to=2000-01-01', headers: as(admin) })).json().entries).toEqual([]);
    const csv = await t.app.inject({ url: '/api/audit?format=csv&action=segment.edit', headers: as(admin) });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,user,address,action,entity,entity_id,article_id,before,after,detail');
    expect(lines.length).toBe(1 + 8);
    expect(csv.body).toContain('Trần Minh');
  });

  it("an article's history names both people and survives the article's deletion", async () => {
    const history = (await t.app.inject({ url: `/api/articles/${articleId}/history`, headers: as(lan) })).json().entries as { user: string }[];
    expect(new Set(history.map((e) => e.user))).toEqual(new Set(['Nguyễn Lan', 'Trần Minh', 'quản-trị', 'lãnh-đạo']));
    expect((await t.app.inject({ method: 'DELETE', url: `/api/articles/${articleId}`, headers: as(lan) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/articles/${articleId}`, headers: as(minh) })).statusCode).toBe(204);
    const after = (await t.app.inject({ url: `/api/articles/${articleId}/history`, headers: as(lan) })).json().entries;
    expect(after.length).toBe(history.length + 1);
    expect(after.at(-1)).toMatchObject({ action: 'article.delete', user: 'Trần Minh', before: { title: 'Đối ngoại Hòa Bình', segments: 4 } });
    const edits = await t.deps.store.segments.historyOfArticle(articleId);
    expect(edits.map((e) => e.editor)).toEqual([...Array(4).fill('Nguyễn Lan'), ...Array(4).fill('Trần Minh')]);
  });

  it('the database refuses to update or delete an audit record', async () => {
    await expect(t.deps.store.db.updateTable('audit_log').set({ user_name: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.deps.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('no route of the OpenAPI document updates or deletes an audit record', async () => {
    const snapshot = async () => t.deps.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const before = await snapshot();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const calls = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url: p })));
    expect(calls.length).toBe(Object.keys(ROUTE_ACCESS).length);
    const firstId = String(before[0]!.id);
    for (const { method, url } of calls) {
      if (url.includes('logout')) continue; // would end the admin's session; nothing to do with the trail
      // every route, with the id of an audit record where it takes one, and with filters that match records
      const target = url.replace('{id}', firstId) + (method === 'GET' ? '?limit=5&format=json' : '');
      await t.app.inject({ method: method as 'GET', url: target, headers: as(await signIn(t.app, 'quản-trị', PASSWORD)), payload: method === 'GET' ? undefined : { id: firstId } });
    }
    const after = await snapshot();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBeGreaterThan(before.length);
  });
});
