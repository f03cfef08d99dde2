/**
 * Editor benchmark in headless Chromium on a 300-segment article: first render after the data arrives, keystroke
 * re-render, scrolling frame times, and the gzipped size of the built JS+CSS. Prints the figures; not a test.
 *
 *   node --import tsx frontend/bench/editor.bench.ts
 *
 * The API is answered by the page's request interception with a synthetic article built from the sample's sentences,
 * so only the frontend is measured.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Segment } from '../../backend/src/schemas/article.ts';
import { buildFrontend, launchChromium, SAMPLE } from '../e2e/harness.ts';

const SEGMENTS = 300;
const KEYSTROKES = 60;

function article() {
  const lines = SAMPLE.split(/\n+/).map((l) => l.trim()).filter((l) => l.length > 40);
  const segments: Segment[] = Array.from({ length: SEGMENTS }, (_, i) => {
    const source = lines[i % lines.length]!;
    const mid = source.indexOf('. ') + 1 || source.length;
    const mt = `Segment ${i + 1}: the province continued to promote foreign affairs and cooperation with partners. It attracted investment.`;
    return {
      id: `s${i}`, index: i, kind: i === 0 ? 'title' : i % 17 === 0 ? 'heading' : 'paragraph', source,
      sentences: mid < source.length ? [{ start: 0, end: mid }, { start: mid + 1, end: source.length }] : [{ start: 0, end: source.length }],
      machineTranslation: mt, translation: i % 3 === 0 ? `${mt} Edited.` : mt, status: i % 3 === 0 ? 'edited' : 'translated', version: 2,
      origin: 'model', error: null, qa: i % 11 === 0 ? [{ code: 'NUMBER_MISMATCH', severity: 'warning', message: 'A number differs from the source' }] : [],
      mtRun: { id: 'r1', model: 'bench', promptId: 'translate', promptVersion: 'v1', createdAt: '2026-11-27T06:00:00Z' },
      updatedAt: '2026-11-27T06:00:00Z',
    };
  });
  return { id: 'bench', title: 'Benchmark article', status: 'in_review', createdAt: '', updatedAt: '', sourceFormat: 'text', originalName: null, conversions: [], removed: [], segments };
}

function serve(dist: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    const file = path.join(dist, url);
    const target = url !== '/' && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dist, 'index.html');
    const type = target.endsWith('.js') ? 'text/javascript' : target.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const RUNS = 7;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-'));
const dist = path.join(tmp, 'dist');
await buildFrontend(dist);
const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const raw = assets.reduce((n, f) => n + fs.statSync(path.join(dist, 'assets', f)).size, 0);
const gz = assets.reduce((n, f) => n + gzipSync(fs.readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length, 0);

const server = await serve(dist);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
const body = JSON.stringify(article());
const counts = { total: SEGMENTS, new: 0, translated: 200, edited: 100, approved: 0, failed: 0, flagged: 28 };
const list = JSON.stringify({ articles: [{ id: 'bench', title: 'Hòa Bình đẩy mạnh công tác đối ngoại', status: 'in_review', createdAt: '2026-11-27T06:00:00Z', updatedAt: '2026-11-27T06:00:00Z', counts }] });
const coldRenders: number[] = [];
const firstRenders: number[] = [];
const completes: number[] = [];
let keystrokes: number[] = [];
let frames: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // tsx keeps function names with a `__name` helper that page.evaluate's serialised functions do not carry.
    await page.addInitScript('globalThis.__name = (f) => f');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/api/**', (route) => {
      const u = new URL(route.request().url());
      if (u.pathname === '/api/articles') return route.fulfill({ status: 200, contentType: 'application/json', body: list });
      if (u.pathname === '/api/articles/bench') return route.fulfill({ status: 200, contentType: 'application/json', body });
      if (u.pathname === '/api/health') return route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true,"version":"bench","model":{"configured":true,"model":"bench","baseUrlHost":null}}' });
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"ERR_NOT_FOUND","message":"bench"}}' });
    });
    // Cold: the editor URL opened directly in a fresh page.
    await page.goto(`${base}/articles/bench`);
    await page.waitForFunction(() => performance.getEntriesByName('wb-editor-rendered').length > 0, null, { timeout: 30_000 });
    coldRenders.push(await page.evaluate(() => performance.measure('cold', 'wb-article-data', 'wb-editor-rendered').duration));
    // Usual path: the article list, then a click into the editor.
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Hòa Bình đẩy mạnh công tác đối ngoại' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('wb-editor-rendered').length > 0, null, { timeout: 30_000 });
    firstRenders.push(await page.evaluate(() => performance.measure('first', 'wb-article-data', 'wb-editor-rendered').duration));
    await page.waitForFunction(() => performance.getEntriesByName('wb-editor-complete').length > 0, null, { timeout: 30_000 });
    completes.push(await page.evaluate(() => performance.measure('complete', 'wb-article-data', 'wb-editor-complete').duration));
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (run < RUNS - 1) {
      await context.close();
      continue;
    }
    // Keystrokes: input event on a row's textarea, through the row's re-render and the layout it causes.
    keystrokes = await page.evaluate(async (n) => {
      const view = document.querySelector('wb-app')!.shadowRoot!.querySelector('wb-editor-view')!;
      const row = view.shadowRoot!.querySelectorAll('wb-segment-row')[150] as HTMLElement & { updateComplete: Promise<unknown> };
      row.scrollIntoView({ block: 'center' });
      const ta = row.shadowRoot!.querySelector('textarea')!;
      ta.focus();
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        const t0 = performance.now();
        ta.value += 'x';
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' }));
        await row.updateComplete;
        void document.body.getBoundingClientRect(); // include the style and layout work
        out.push(performance.now() - t0);
      }
      return out;
    }, KEYSTROKES);
    // Scrolling: 40 px a frame over the whole list, recording frame intervals.
    frames = await page.evaluate(async () => {
      window.scrollTo(0, 0);
      const out: number[] = [];
      let last = performance.now();
      const max = document.documentElement.scrollHeight - innerHeight;
      await new Promise<void>((done) => {
        const step = (t: number) => {
          out.push(t - last);
          last = t;
          window.scrollBy(0, 40);
          if (scrollY >= max - 1 || out.length > 2000) done();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      return out.slice(2);
    });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(`Editor benchmark, ${SEGMENTS} segments, headless Chromium 1280x800 (${os.cpus().length} cores)`);
console.log(`  first render after data   median ${ms(pct(firstRenders, 50))}  (runs: ${firstRenders.map((x) => x.toFixed(0)).join(', ')} ms)  target < 200 ms; opened from the article list`);
console.log(`  same, cold page load      median ${ms(pct(coldRenders, 50))}  (runs: ${coldRenders.map((x) => x.toFixed(0)).join(', ')} ms)  editor URL opened directly in a fresh page`);
console.log(`  all ${SEGMENTS} rows rendered    median ${ms(pct(completes, 50))}  (rows after the first screen are added in chunks of 24, one task each)`);
console.log(`  keystroke re-render       median ${ms(pct(keystrokes, 50))}  p95 ${ms(pct(keystrokes, 95))}  max ${ms(Math.max(...keystrokes))}  target < 16 ms`);
console.log(`  scrolling (${frames.length} frames)   median frame ${ms(pct(frames, 50))}  p95 ${ms(pct(frames, 95))}  frames over 33 ms: ${frames.filter((f) => f > 33.4).length}`);
console.log(`  bundle JS+CSS             ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (${assets.join(', ')})  target < 120 KB`);
