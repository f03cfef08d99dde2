/**
 * The route access table against the real API: built from the OpenAPI document so a route added anywhere without an
 * entry fails here, and table-driven over every write route: 401 without a session, 403 for the role below the one
 * needed, through the gate for that role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '../../src/auth/route-access.ts';
import { ROLES, type Role } from '../../src/auth/roles.ts';
import { PASSWORD, signIn, userSession } from '../helpers/accounts.ts';
import { sampleParagraphs, seedArticle } from '../helpers/seed-article.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
/** A fresh session: the sign-out routes under test end the ones they are called with. */
const session = (r: Role) => signIn(t.app, `user-${r}`, PASSWORD);
let draftId = '';
let approvedId = '';

/** Every (method, path) of the OpenAPI document, in Fastify's `:param` form. */
function openApiRoutes(app: TestApp['app']): { method: string; url: string }[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url: p.replace(/\{(\w+)\}/g, ':$1') })),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) await userSession(t.app, t.deps, `user-${role}`, role);
  const paragraphs = sampleParagraphs().slice(0, 2);
  draftId = (await seedArticle(t.deps.store, 'Bản nháp', paragraphs)).articleId;
  const approved = await seedArticle(t.deps.store, 'Đã duyệt', paragraphs);
  approvedId = approved.articleId;
  for (const id of approved.segmentIds) await t.deps.store.segments.update(id, { translation: 'Approved text.', status: 'approved' });
});
afterAll(async () => t?.close());

describe('the route access table', () => {
  it('has an entry for every route of the OpenAPI document, and none for a route that does not exist', () => {
    const routes = openApiRoutes(t.app).filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(45);
    const missing = routes.filter((r) => !ROUTE_ACCESS[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const known = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !known.has(k))).toEqual([]);
  });

  const writes = Object.entries(ROUTE_ACCESS).filter(([k, a]) => !k.startsWith('GET ') && a.role !== 'public');
  const url = (path: string) => path.replace(':id', 'no-such-id');

  it.each(writes.map(([k, a]) => ({ route: k, role: a.role as Role })))('$route: 401 without a session, 403 below $role, through for $role', async ({ route, role }) => {
    const [method, path] = route.split(' ') as ['POST', string];
    const anon = await t.app.inject({ method, url: url(path), payload: {} });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('ERR_AUTH_REQUIRED');
    const below = ROLES[ROLES.indexOf(role) - 1];
    if (below) {
      const res = await t.app.inject({ method, url: url(path), payload: {}, headers: { origin: 'http://localhost:80', cookie: await session(below) } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ERR_AUTH_FORBIDDEN');
    }
    const ok = await t.app.inject({ method, url: url(path), payload: {}, headers: { origin: 'http://localhost:80', cookie: await session(role) } });
    // Past the gate: the route itself answers (an empty body is a 400, an unknown id a 404), never 401/403.
    expect([401, 403]).not.toContain(ok.statusCode);
  });

  it('a reader reads and exports approved articles only, and edits nothing', async () => {
    const reader = { origin: 'http://localhost:80', cookie: await session('reader') };
    const list = (await t.app.inject({ url: '/api/articles', headers: reader })).json().articles as { id: string }[];
    expect(list.map((a) => a.id)).toEqual([approvedId]);
    expect((await t.app.inject({ url: `/api/articles/${approvedId}`, headers: reader })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/articles/${draftId}`, headers: reader })).statusCode).toBe(404);
    const exp = await t.app.inject({ url: `/api/articles/${approvedId}/export?format=md&kind=translation`, headers: reader });
    expect(exp.statusCode).toBe(200);
    expect(exp.body).toContain('Approved text.');
    expect((await t.app.inject({ url: `/api/articles/${draftId}/export?format=md`, headers: reader })).statusCode).toBe(404);
    const seg = `${approvedId}-000`;
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg}`, headers: reader, payload: { version: 2, translation: 'x' } });
    expect(edit.statusCode).toBe(403);
    // the translator sees both
    const all = (await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: await session('translator') } })).json().articles;
    expect(all).toHaveLength(2);
  });

  it('an admin-only read is refused to a reviewer', async () => {
    expect((await t.app.inject({ url: '/api/audit', headers: { origin: 'http://localhost:80', cookie: await session('reviewer') } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/users', headers: { origin: 'http://localhost:80', cookie: await session('reviewer') } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/users', headers: { origin: 'http://localhost:80', cookie: await session('admin') } })).statusCode).toBe(200);
  });

  it('the password used for these accounts never appears in the audit trail', async () => {
    const rows = await t.deps.store.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.some((r) => r.action === 'auth.login')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});
