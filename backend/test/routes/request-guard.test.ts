/**
 * The request guard on every route of the OpenAPI document: a state-changing request from another origin or for a
 * foreign Host is refused whatever its body, and nothing is saved; the workbench's own pages and a client without
 * cookies (the CLI) are let through to the route.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSession } from '../helpers/accounts.ts';
import { createTestApp, multipartBody, type TestApp } from '../helpers/test-app.ts';
import { sampleParagraphs, seedArticle, SAMPLE_TITLE } from '../helpers/seed-article.ts';

let t: TestApp;
let ids: Record<string, string>;
let routes: Array<{ method: string; path: string }>;

const HOSTILE = 'http://127.0.0.2:41234';
const REBIND_HOST = 'rebind.evil.example:3000';
const TERM_CSV = 'vi,en\nỦy ban nhân dân tỉnh Hòa Bình,Hoa Binh Provincial People’s Hostile Committee\n';
const TMX = `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="vi"><seg>Tỉnh Hòa Bình đẩy mạnh công tác đối ngoại.</seg></tuv><tuv xml:lang="en"><seg>PLANTED BY ANOTHER SITE</seg></tuv></tu></body></tmx>`;

/** A body per route that the route accepts (2xx) from the workbench's own page: proof the refusal is what saved nothing. */
function validBody(method: string, path: string): Pick<InjectOptions, 'payload' | 'headers'> | undefined {
  const json = (payload: object) => ({ payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
  switch (`${method} ${path}`) {
    case 'POST /api/articles': return json({ title: 'Bài do trang khác tạo', text: 'Trang web khác đã tạo bài này.' });
    case 'POST /api/terms': return json({ vi: 'Sở Ngoại vụ tỉnh Hòa Bình', en: 'Hostile Department of Foreign Affairs' });
    case 'POST /api/terms/import': return { payload: TERM_CSV, headers: { 'content-type': 'text/plain' } };
    case 'POST /api/tm/import': return { payload: TMX, headers: { 'content-type': 'text/plain' } };
    case 'PATCH /api/terms/{id}': return json({ en: 'Changed by another site' });
    case 'PATCH /api/segments/{id}': return json({ version: 1, translation: 'Changed by another site', status: 'approved', qaOverride: { reason: 'the figures are in the next paragraph' } });
    case 'DELETE /api/terms/{id}': return {};
    case 'DELETE /api/articles/{id}': return {};
    default: return undefined;
  }
}

/** Every way the body of a cross-site request can be shaped; the guard must not care. */
const BODIES: Array<{ name: string; body: (method: string, path: string) => Pick<InjectOptions, 'payload' | 'headers'> }> = [
  { name: 'a body the route accepts', body: (m, p) => validBody(m, p) ?? {} },
  { name: 'text/plain', body: () => ({ payload: TERM_CSV, headers: { 'content-type': 'text/plain' } }) },
  { name: 'urlencoded form', body: () => ({ payload: 'title=x&text=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } }) },
  { name: 'multipart form', body: () => multipartBody('planted.csv', Buffer.from(TERM_CSV)) },
  { name: 'empty', body: () => ({}) },
];

/** Cross-site signals a browser may send (with the route's valid body); each must be refused with 403. */
const FOREIGN: Array<{ name: string; headers: Record<string, string> }> = [
  { name: 'another loopback origin', headers: { origin: HOSTILE, 'sec-fetch-site': 'cross-site' } },
  { name: 'Origin null', headers: { origin: 'null' } },
  { name: 'Sec-Fetch-Site same-site without Origin', headers: { 'sec-fetch-site': 'same-site' } },
  { name: 'a foreign Referer without Origin', headers: { referer: `${HOSTILE}/page.html` } },
  { name: 'a cookie and no origin at all', headers: { cookie: 'sid=abc' } },
];

const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'id' ? ids[path.split('/')[2]!] ?? 'no-such-id' : 'no-such-id'));

async function snapshot() {
  const get = async (url: string) => {
    const res = await t.app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return res.body;
  };
  const articles = JSON.parse(await get('/api/articles')) as { articles: Array<{ id: string }> };
  return {
    articles: articles.articles,
    details: await Promise.all(articles.articles.map((a) => get(`/api/articles/${a.id}`))),
    jobs: await Promise.all(articles.articles.map((a) => get(`/api/articles/${a.id}/jobs`))),
    terms: await get('/api/terms'),
    memory: await get('/api/tm/export'),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const seeded = await seedArticle(t.deps.store, SAMPLE_TITLE, sampleParagraphs().slice(0, 3));
  const term = (await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'Liên hiệp các tổ chức hữu nghị tỉnh', en: 'Provincial Union of Friendship Organisations' } })).json();
  ids = { articles: seeded.articleId, segments: seeded.segmentIds[0]!, terms: term.id, jobs: 'job_missing' };
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })),
  );
  // Deletions last, so the routes before them find what they would change.
  routes.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
});
afterAll(() => t?.close());

describe('the request guard on every state-changing route of the OpenAPI document', () => {
  it('finds the routes that change things', () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const r of ['POST /api/articles', 'POST /api/terms/import', 'POST /api/tm/import', 'POST /api/articles/{id}/translate',
      'POST /api/articles/{id}/brief', 'POST /api/articles/{id}/xliff', 'PATCH /api/segments/{id}', 'DELETE /api/articles/{id}']) {
      expect(routes.map((x) => `${x.method} ${x.path}`)).toContain(r);
    }
  });

  it('refuses another origin with 403 ERR_ORIGIN_FORBIDDEN whatever the body, and a foreign Host with 421; nothing is saved', async () => {
    const before = await snapshot();
    let refused = 0;
    for (const { method, path } of routes) {
      const url = fill(path);
      for (const { name, body } of BODIES) {
        const b = body(method, path);
        const res = await t.app.inject({ method: method as 'POST', url, ...b, headers: { ...b.headers, origin: HOSTILE } });
        expect({ route: `${method} ${path}`, body: name, status: res.statusCode, code: res.json().error?.code }).toEqual({ route: `${method} ${path}`, body: name, status: 403, code: 'ERR_ORIGIN_FORBIDDEN' });
        refused++;
      }
      const b = validBody(method, path) ?? {};
      for (const { name, headers } of FOREIGN) {
        const res = await t.app.inject({ method: method as 'POST', url, ...b, headers: { ...b.headers, ...headers } });
        expect({ route: `${method} ${path}`, signal: name, status: res.statusCode, code: res.json().error?.code }).toEqual({ route: `${method} ${path}`, signal: name, status: 403, code: 'ERR_ORIGIN_FORBIDDEN' });
        refused++;
      }
      // DNS rebinding: the hostile page is same-origin with itself, so only its Host gives it away.
      const rebound = await t.app.inject({ method: method as 'POST', url, ...b, headers: { ...b.headers, host: REBIND_HOST, origin: `http://${REBIND_HOST}`, 'sec-fetch-site': 'same-origin' } });
      expect({ route: `${method} ${path}`, status: rebound.statusCode, code: rebound.json().error?.code }).toEqual({ route: `${method} ${path}`, status: 421, code: 'ERR_HOST_FORBIDDEN' });
      refused++;
    }
    expect(refused).toBe(routes.length * (BODIES.length + FOREIGN.length + 1));
    expect(await snapshot()).toEqual(before);
  });

  it('lets the workbench’s own page and a client without cookies through to the route', async () => {
    const guardCodes = ['ERR_ORIGIN_FORBIDDEN', 'ERR_HOST_FORBIDDEN'];
    const codeOf = (res: { body: string }) => (res.body ? (JSON.parse(res.body) as { error?: { code?: string } }).error?.code : undefined);
    for (const { method, path } of routes) {
      const url = fill(path);
      const b = validBody(method, path);
      // The UI itself: same origin, as Chromium sends it (inject's Host is localhost:80).
      const own = await t.app.inject({ method: method as 'POST', url, ...(b ?? {}), headers: { ...b?.headers, origin: 'http://localhost', 'sec-fetch-site': 'same-origin', referer: 'http://localhost/articles', cookie: 'sid=abc' } });
      expect(guardCodes, `own page ${method} ${path}`).not.toContain(codeOf(own));
      if (b) expect([own.statusCode >= 200, own.statusCode < 300], `own page ${method} ${path}: ${own.statusCode} ${own.body}`).toEqual([true, true]);
      // The CLI, curl, scripts: no Origin, no cookie. After the page's request (a DELETE finds
      // nothing left: 404, the route's own verdict, not the guard's).
      const cli = await t.app.inject({ method: method as 'POST', url, headers: { 'user-agent': 'curl/8.5.0' } });
      expect(guardCodes, `CLI ${method} ${path}`).not.toContain(codeOf(cli));
    }
  });

  it('answers 421 to a foreign Host on reads too, since a rebinding page reads as well', async () => {
    for (const url of ['/api/articles', `/api/articles/${ids.articles}`, '/api/tm/export', '/api/terms', '/api/health', '/', '/docs']) {
      for (const host of [REBIND_HOST, 'localhost.evil.example', '127.0.0.1.nip.io:3000']) {
        const res = await t.app.inject({ url, headers: { host } });
        expect({ url, host, status: res.statusCode, code: res.json().error.code }).toEqual({ url, host, status: 421, code: 'ERR_HOST_FORBIDDEN' });
        expect(res.json().error.message).toBe(
          `This workbench does not answer to the host name ${JSON.stringify(host)} (it answers to localhost, 127.0.0.1, [::1]). Open it at ` +
            'http://127.0.0.1:3000 or http://localhost:3000; if this is the address of the office server, add it to WORKBENCH_ALLOWED_HOSTS or set WORKBENCH_PUBLIC_URL and restart',
        );
      }
    }
    const local = await t.app.inject({ url: '/api/articles', headers: { host: '127.0.0.1:5173' } });
    expect(local.statusCode).toBe(200);
  });

  it('tells a person what to do', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: 'x', en: 'y' }, headers: { origin: HOSTILE } });
    expect(res.json()).toEqual({
      error: {
        code: 'ERR_ORIGIN_FORBIDDEN',
        message: 'Refused POST /api/terms: it comes from another site (Origin "http://127.0.0.2:41234"), and changes are only accepted from ' +
          "the workbench's own pages or from a program that sends no cookies. If you opened the workbench through a reverse proxy or " +
          'another address, set WORKBENCH_PUBLIC_URL to the address in your browser and restart',
      },
    });
  });
});

describe('the office server behind a reverse proxy', () => {
  it('accepts its public name and origin, and still refuses others', async () => {
    const office = await createTestApp({ HOST: '0.0.0.0', WORKBENCH_PUBLIC_URL: 'https://workbench.example.org', WORKBENCH_ALLOWED_HOSTS: '192.168.1.20:3000' });
    try {
      // Off the loopback the office server needs a signed-in user: an admin's session cookie, as the browser sends it.
      const cookie = await userSession(office.app, office.deps, 'quản-trị', 'admin');
      const post = (headers: Record<string, string>) =>
        office.app.inject({ method: 'POST', url: '/api/terms', payload: { vi: `Đối ngoại ${Math.random()}`, en: 'Foreign affairs' }, headers: { ...headers, cookie } });
      // nginx with `proxy_set_header Host $host`, TLS ended at the proxy
      expect((await post({ host: 'workbench.example.org', origin: 'https://workbench.example.org' })).statusCode).toBe(201);
      // a proxy that rewrites Host to the upstream address
      expect((await post({ host: '127.0.0.1:3000', origin: 'https://workbench.example.org' })).statusCode).toBe(201);
      // a colleague on the LAN, without the proxy
      expect((await post({ host: '192.168.1.20:3000', origin: 'http://192.168.1.20:3000' })).statusCode).toBe(201);
      expect((await post({ host: 'workbench.example.org', origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await post({ host: '192.168.1.21:3000', origin: 'http://192.168.1.21:3000' })).statusCode).toBe(421);
    } finally {
      await office.close();
    }
  });
});
