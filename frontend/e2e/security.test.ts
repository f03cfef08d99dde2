/**
 * Another site must not be able to act: a real hostile page on 127.0.0.2 tries, in Chromium, every technique that
 * once changed the workbench on 127.0.0.1 (no-cors multipart fetch, form posts, text/plain forms and fetches into the
 * termbase and memory, empty POSTs that start paid jobs, an XLIFF import over an approved translation, DELETE and
 * PATCH), and a DNS-rebinding page (a hostile name that resolves to 127.0.0.1) tries to read and change. Afterwards
 * the termbase, memory, articles, segments and jobs are exactly as before and the model was never called. The UI
 * itself still works under its Content-Security-Policy and refuses to load in another site's frame.
 */
import http from 'node:http';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorScript } from '../../backend/test/helpers/scripted-model-server.ts';
import { startHostileSite, type HostileSite } from './hostile-site.ts';
import { importViaApi, launchChromium, SAMPLE, startStack, type Stack } from './harness.ts';

let s: Stack;
let hostile: HostileSite;
let articleId = '';
let approvedId = '';
let approvedVersion = 0;
let xliff = '';

const REBIND = 'rebind.evil.test';
const PLANTED = 'Hostile Department of Foreign Affairs';
const ARTICLE_TEXT = 'Trang web lạ đã tạo bài viết này.\n\nỦy ban nhân dân tỉnh Hòa Bình không hề biết.';
const TERM_CSV = `vi,en\r\nSở Ngoại vụ tỉnh Hòa Bình,${PLANTED}\r\n`;
const TMX = `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="vi"><seg>Tỉnh Hòa Bình đẩy mạnh công tác đối ngoại.</seg></tuv><tuv xml:lang="en"><seg>${PLANTED}</seg></tuv></tu></body></tmx>`;

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${s.baseUrl}${url}`, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const text = async (url: string) => (await fetch(`${s.baseUrl}${url}`)).text();

/** Everything another site could want to change, read through the API. */
async function snapshot() {
  const { articles } = await api<{ articles: Array<{ id: string }> }>('/api/articles');
  return {
    articles,
    details: await Promise.all(articles.map((a) => api(`/api/articles/${a.id}`))),
    jobs: await Promise.all(articles.map((a) => api(`/api/articles/${a.id}/jobs`))),
    terms: await api('/api/terms'),
    memory: await text('/api/tm/export'),
    modelCalls: s.model.requests.length,
  };
}

/** Every request the workbench answered, seen from its own socket (preflights and blocked frames included). */
const served: Array<{ method: string; url: string; host: string; status: number }> = [];

/** The hostile page: it runs every attack on load, as a real one would, and reports what it saw in window.report. */
function attackPage(wb: string): string {
  const data = { wb, articleId, approvedId, approvedVersion, xliff, TERM_CSV, TMX, ARTICLE_TEXT };
  return `<!doctype html><meta charset="utf-8"><title>Cute cats</title>
<h1>Cute cats</h1>
<iframe id="framed" src="${wb}/" width="600" height="300"></iframe>
<script>
const D = ${JSON.stringify(data)};
const report = [];
async function attempt(name, fn) {
  try { await fn(); report.push({ name, outcome: 'sent' }); } catch (e) { report.push({ name, outcome: 'failed: ' + e.message }); }
}
let sinks = 0;
/** Submit a real <form> into a hidden frame and wait for that frame to load (or give up after 10 s). */
function submitForm(action, enctype, fields, file) {
  return new Promise((resolve) => {
    const name = 'sink' + sinks++;
    const frame = Object.assign(document.createElement('iframe'), { name, hidden: true });
    document.body.append(frame);
    const form = Object.assign(document.createElement('form'), { method: 'post', action: D.wb + action, enctype, target: name });
    for (const [k, v] of fields) form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: k, value: v }));
    if (file) {
      const input = Object.assign(document.createElement('input'), { type: 'file', name: 'file' });
      const dt = new DataTransfer();
      dt.items.add(new File([file.body], file.name, { type: 'text/plain' }));
      input.files = dt.files;
      form.append(input);
    }
    document.body.append(form);
    const done = setTimeout(resolve, 10000);
    frame.addEventListener('load', () => { clearTimeout(done); resolve(); });
    form.submit();
  });
}
const noCors = (path, init) => fetch(D.wb + path, { method: 'POST', mode: 'no-cors', ...init });
window.attacks = (async () => {
  await attempt('no-cors multipart fetch creates an article', () => {
    const fd = new FormData();
    fd.append('title', 'Bài của trang lạ');
    fd.append('file', new File([D.ARTICLE_TEXT], 'bai-viet.txt', { type: 'text/plain' }));
    return noCors('/api/articles', { body: fd });
  });
  await attempt('urlencoded form creates an article', () => submitForm('/api/articles', 'application/x-www-form-urlencoded', [['title', 'Bài của trang lạ'], ['text', D.ARTICLE_TEXT]]));
  await attempt('multipart form creates an article', () => submitForm('/api/articles', 'multipart/form-data', [['title', 'Bài của trang lạ']], { name: 'bai-viet.txt', body: D.ARTICLE_TEXT }));
  await attempt('text/plain fetch plants termbase CSV', () => noCors('/api/terms/import', { headers: { 'content-type': 'text/plain' }, body: D.TERM_CSV }));
  // <form enctype="text/plain"> sends name=value: the CSV goes in the name, the "=" lands in a throwaway last line.
  await attempt('text/plain form plants termbase CSV', () => submitForm('/api/terms/import', 'text/plain', [[D.TERM_CSV + 'x', 'y']]));
  await attempt('text/plain TMX fills the memory', () => noCors('/api/tm/import', { headers: { 'content-type': 'text/plain' }, body: D.TMX }));
  await attempt('empty POST starts a translate job', () => noCors('/api/articles/' + D.articleId + '/translate'));
  await attempt('empty POST starts a brief job', () => noCors('/api/articles/' + D.articleId + '/brief'));
  await attempt('empty form starts a translate job', () => submitForm('/api/articles/' + D.articleId + '/translate', 'application/x-www-form-urlencoded', []));
  await attempt('XLIFF import replaces an approved translation', () => noCors('/api/articles/' + D.articleId + '/xliff', { headers: { 'content-type': 'text/plain' }, body: D.xliff }));
  await attempt('DELETE an article via fetch', () => fetch(D.wb + '/api/articles/' + D.articleId, { method: 'DELETE' }));
  await attempt('PATCH a segment via fetch', () => fetch(D.wb + '/api/segments/' + D.approvedId, {
    method: 'PATCH', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: D.approvedVersion, translation: 'Changed by another site', status: 'approved' }),
  }));
  return report;
})();
</script>`;
}

/** The rebinding page: same-origin with itself, so it reads answers, if the server gives any. */
function rebindPage(): string {
  const data = { articleId, approvedId, approvedVersion, TMX };
  return `<!doctype html><meta charset="utf-8"><title>Rebinding</title><script>
const D = ${JSON.stringify(data)};
window.attacks = (async () => {
  const out = [];
  for (const [name, path, init] of [
    ['read the articles', '/api/articles'],
    ['read the memory', '/api/tm/export'],
    ['read the UI', '/index.html'],
    ['delete the article', '/api/articles/' + D.articleId, { method: 'DELETE' }],
    ['change a segment', '/api/segments/' + D.approvedId, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: D.approvedVersion, translation: 'Changed by another site', status: 'approved' }) }],
    ['plant memory', '/api/tm/import', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: D.TMX }],
  ]) {
    try { const r = await fetch(path, init); out.push({ name, status: r.status, body: await r.text() }); }
    catch (e) { out.push({ name, status: 0, body: String(e) }); }
  }
  return out;
})();
</script>`;
}

beforeAll(async () => {
  s = await startStack();
  s.model.setScript(translatorScript);
  s.app.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
    res.on('finish', () => served.push({ method: req.method!, url: req.url!, host: req.headers.host ?? '', status: res.statusCode })));
  // The office's state: an article translated by the model, one segment approved (so it is in the memory).
  const article = await importViaApi(s.baseUrl, SAMPLE, 'Hòa Bình đẩy mạnh công tác đối ngoại');
  articleId = article.id;
  const { jobId } = await api<{ jobId: string }>(`/api/articles/${articleId}/translate`, { method: 'POST' });
  for (let i = 0; (await api<{ status: string }>(`/api/jobs/${jobId}`)).status !== 'done'; i++) {
    if (i > 300) throw new Error('the translate job did not finish within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const first = (await api<{ segments: Array<{ id: string; version: number; machineTranslation: string }> }>(`/api/articles/${articleId}`)).segments[0]!;
  const approved = await api<{ id: string; version: number }>(`/api/segments/${first.id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: first.version, translation: first.machineTranslation, status: 'approved' }),
  });
  approvedId = approved.id;
  approvedVersion = approved.version;
  // The XLIFF a CAT tool would send back, with the approved segment's target replaced by the attacker.
  const exported = await text(`/api/articles/${articleId}/xliff?version=2.0`);
  xliff = exported.replace(first.machineTranslation, 'A translation planted by another site.');
  expect(xliff).not.toBe(exported);
});
afterAll(async () => {
  await hostile?.close();
  await s?.close();
});

describe('a hostile page on another loopback address', () => {
  it('is reachable: 127.0.0.2 is a loopback address of its own', async () => {
    hostile = await startHostileSite({ '/': '<!doctype html><title>Cute cats</title>' });
    expect(hostile.origin).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    const res = await fetch(`${hostile.origin}/`);
    expect(await res.text()).toContain('Cute cats');
    await hostile.close();
  });

  it('changes nothing with any technique, and cannot frame the UI', async () => {
    const before = await snapshot();
    expect(before.articles).toHaveLength(1);
    expect(before.memory).toContain('<tu');
    hostile = await startHostileSite({ '/': attackPage(s.baseUrl) });
    const context = await s.browser.newContext();
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m: ConsoleMessage) => consoleLines.push(m.text()));
    const from = served.length;
    await page.goto(`${hostile.origin}/`);
    const report = (await page.evaluate(() => (window as unknown as { attacks: Promise<Array<{ name: string; outcome: string }>> }).attacks));

    // The page tried everything. Its no-cors fetches reject on its side because the answers carry
    // Cross-Origin-Resource-Policy: same-origin, and DELETE and PATCH die in the CORS preflight; what reached the
    // workbench is counted on the server's socket below.
    expect(report.map((r) => r.name)).toHaveLength(12);
    // Every state-changing request that reached the workbench was refused by the guard.
    const isChange = (r: { method: string }) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method);
    await expect.poll(() => served.slice(from).filter(isChange).length).toBeGreaterThanOrEqual(10);
    const changes = served.slice(from).filter(isChange);
    const path = (u: string) => u.replace(articleId, ':article');
    expect(changes.map((r) => `${r.method} ${path(r.url)} ${r.status}`).sort()).toEqual([
      'POST /api/articles 403', 'POST /api/articles 403', 'POST /api/articles 403',
      'POST /api/articles/:article/brief 403',
      'POST /api/articles/:article/translate 403', 'POST /api/articles/:article/translate 403',
      'POST /api/articles/:article/xliff 403',
      'POST /api/terms/import 403', 'POST /api/terms/import 403',
      'POST /api/tm/import 403',
    ]);

    // The framed UI: the page itself was served (a GET), but Chromium refused to show it in another site's frame.
    const framed = page.frames().find((f) => f !== page.mainFrame() && f.name() === '');
    expect(framed).toBeDefined();
    expect(await framed!.locator('wb-app').count()).toBe(0);
    expect(consoleLines.filter((l) => l.startsWith(`Framing '${s.baseUrl}/' violates`) && l.includes("frame-ancestors 'none'")).length).toBeGreaterThan(0);

    await context.close();
    await hostile.close();
    expect(await snapshot()).toEqual(before);
  });

  it('would have changed things had it been the workbench itself: the same XLIFF from a program is accepted', async () => {
    // Proof that the refused payload was a working one (run last: it changes the approved segment).
    const res = await fetch(`${s.baseUrl}/api/articles/${articleId}/xliff`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: xliff });
    expect(res.status).toBe(200);
    const seg = (await api<{ segments: Array<{ id: string; translation: string }> }>(`/api/articles/${articleId}`)).segments.find((x) => x.id === approvedId)!;
    expect(seg.translation).toBe('A translation planted by another site.');
    approvedVersion = (await api<{ segments: Array<{ id: string; version: number }> }>(`/api/articles/${articleId}`)).segments.find((x) => x.id === approvedId)!.version;
  });
});

describe('DNS rebinding: a hostile name that resolves to 127.0.0.1', () => {
  it('reads and changes nothing from Chromium', async () => {
    const before = await snapshot();
    const port = Number(new URL(s.baseUrl).port);
    // Chromium resolves the hostile name to the hostile server on 127.0.0.2 (same port as the workbench), which hands
    // out its page and then forwards every request, as the browser sent it, to the workbench: what a rebinding DNS
    // answer does, with the page same-origin with every request it makes.
    const rebinder = await startHostileSite({ '/': rebindPage() }, { port, rebindTo: { host: '127.0.0.1', port } });
    const browser = await launchChromium([`--host-resolver-rules=MAP ${REBIND} 127.0.0.2`]);
    try {
      const page = await browser.newPage();
      await page.goto(`http://${REBIND}:${port}/`);
      const out = await page.evaluate(() => (window as unknown as { attacks: Promise<Array<{ name: string; status: number; body: string }>> }).attacks);
      expect(out.map((o) => [o.name, o.status, JSON.parse(o.body).error?.code])).toEqual([
        ['read the articles', 421, 'ERR_HOST_FORBIDDEN'],
        ['read the memory', 421, 'ERR_HOST_FORBIDDEN'],
        ['read the UI', 421, 'ERR_HOST_FORBIDDEN'],
        ['delete the article', 421, 'ERR_HOST_FORBIDDEN'],
        ['change a segment', 421, 'ERR_HOST_FORBIDDEN'],
        ['plant memory', 421, 'ERR_HOST_FORBIDDEN'],
      ]);
      expect(out.map((o) => o.body).join('\n')).not.toContain('Hòa Bình');
    } finally {
      await browser.close();
      await rebinder.close();
    }
    // Chromium retries a request once on 421 Misdirected Request (on a fresh connection), so each one arrives twice.
    const arrived = served.filter((r) => r.host === `${REBIND}:${port}` && r.url !== '/favicon.ico');
    expect(arrived.every((r) => r.status === 421)).toBe(true);
    expect([...new Set(arrived.map((r) => `${r.method} ${r.url.replace(articleId, ':article')}`))]).toEqual([
      'GET /api/articles', 'GET /api/tm/export', 'GET /index.html', 'DELETE /api/articles/:article', 'PATCH /api/segments/:article-000', 'POST /api/tm/import',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reads and changes nothing from a program that sets the Host header', async () => {
    const before = await snapshot();
    const { port } = new URL(s.baseUrl);
    const send = (method: string, path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers: { host: `${REBIND}:${port}`, origin: `http://${REBIND}:${port}` } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    for (const [method, path] of [['GET', '/api/articles'], ['GET', `/api/articles/${articleId}`], ['DELETE', `/api/articles/${articleId}`], ['POST', `/api/articles/${articleId}/translate`]] as const) {
      const res = await send(method, path);
      expect({ method, path, status: res.status, code: JSON.parse(res.body).error.code }).toEqual({ method, path, status: 421, code: 'ERR_HOST_FORBIDDEN' });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('the UI under its Content-Security-Policy', () => {
  let page: Page;
  let errors: string[];
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

  beforeAll(async () => {
    ({ page, errors } = await s.newPage());
    await page.addInitScript(() => {
      const list: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = list;
      document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
  });

  it('serves the page with the policy, and imports, translates and lists articles with no violation', async () => {
    const res = await page.goto(s.baseUrl);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res!.headers()['x-frame-options']).toBe('DENY');
    await page.getByRole('button', { name: 'Import article' }).click();
    await page.getByLabel('Vietnamese text').fill('Tỉnh Hòa Bình tiếp đoàn công tác tỉnh Yamanashi.\n\nHai bên thống nhất tăng cường hợp tác đầu tư.');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText(/segments will be created/).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/articles\/[^/]+$/);
    await page.locator('wb-segment-row').first().waitFor();
    expect(await page.locator('wb-segment-row').count()).toBe(2);
    // The editor's progress bar and the articles list's bars draw inline widths, set through the CSSOM.
    s.model.setLatency(300);
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    const progress = page.getByRole('progressbar');
    await progress.waitFor();
    await expect.poll(() => progress.locator('.bar span').evaluate((e) => (e as HTMLElement).style.width)).toMatch(/^\d+(\.\d+)?%$/);
    await progress.waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => page.locator('wb-segment-row').first().locator('.mt').textContent()).toMatch(/\w/);
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    const bar = page.locator('wb-articles-view td.prog .bar span').first();
    await bar.waitFor({ state: 'attached' });
    expect(await page.locator('wb-articles-view tbody tr').count()).toBe(2);
    expect(await page.locator('wb-articles-view td.prog .bar span').evaluateAll((els) => els.map((e) => (e as HTMLElement).style.width))).toContain('100%');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('loads the API docs with their own policy', async () => {
    await page.goto(`${s.baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
