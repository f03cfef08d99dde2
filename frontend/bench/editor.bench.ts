/**
 * Editor benchmark in headless Chromium on a 1,000-segment article: first rows visible after the data arrives,
 * keystroke re-render, typing while a translation job streams, scrolling frame times, and the gzipped size of the
 * built JS+CSS. Prints each figure next to its target; not a test.
 *
 *   npm run bench -- editor          (BENCH_SEGMENTS=300 for a smaller article, BENCH_SCROLL_PX=150 to scroll to the end)
 *
 * The API is answered by the page's request interception with a synthetic article built from the sample's sentences,
 * so only the frontend is measured. The event streams (job progress, article segment events) come from this script's
 * own HTTP server, a segment event every 50 ms, as a 4-way concurrent translation sends them.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Segment } from '../../backend/src/schemas/article.ts';
import { buildFrontend, launchChromium, SAMPLE } from '../e2e/harness.ts';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 1000);
const STREAM_EVERY_MS = 50;
const KEYSTROKES = 60;
/** Pixels scrolled a frame, and at most this many frames (at 40 px the first quarter of the list; 150 px reaches its end). */
const SCROLL_PX = Number(process.env.BENCH_SCROLL_PX ?? 40);
const SCROLL_FRAMES = 1500;

function article(status = 'in_review') {
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
  return { id: 'bench', title: 'Benchmark article', status, createdAt: '', updatedAt: '', sourceFormat: 'text', originalName: null, conversions: [], removed: [], segments };
}

/** A never-ending event stream: a segment result every STREAM_EVERY_MS until the page goes away. */
function stream(res: http.ServerResponse, kind: 'job' | 'article', segments: Segment[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  if (kind === 'job') res.write(`event: progress\ndata: ${JSON.stringify({ type: 'progress', job: { status: 'running', done: 0, total: segments.length, failed: 0 } })}\n\n`);
  let n = 0;
  const timer = setInterval(() => {
    const s = segments[(n * 7) % segments.length]!;
    n++;
    const mt = `Streamed result ${n}: the province strengthened its foreign relations.`;
    const seg: Segment = { ...s, machineTranslation: mt, translation: s.status === 'edited' ? s.translation : mt, version: s.version + n };
    const data = kind === 'job'
      ? { type: 'segment', segmentId: s.id, status: 'translated', translation: mt, cached: false, error: null }
      : { type: 'segment', segment: seg };
    res.write(`event: segment\ndata: ${JSON.stringify(data)}\n\n`);
  }, STREAM_EVERY_MS);
  res.on('close', () => clearInterval(timer));
}

function serve(dist: string, segments: Segment[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    if (url === '/api/jobs/job1/events') return stream(res, 'job', segments);
    if (url === '/api/articles/bench/events') return stream(res, 'article', segments);
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
const RUNS = 3;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-'));
const dist = path.join(tmp, 'dist');
await buildFrontend(dist);
const assets = fs.readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const raw = assets.reduce((n, f) => n + fs.statSync(path.join(dist, 'assets', f)).size, 0);
const gz = assets.reduce((n, f) => n + gzipSync(fs.readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length, 0);

const bench = article();
const server = await serve(dist, bench.segments);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
const body = JSON.stringify(bench);
const translatingBody = JSON.stringify(article('translating'));
const counts = { total: SEGMENTS, new: 0, translated: SEGMENTS - Math.ceil(SEGMENTS / 3), edited: Math.ceil(SEGMENTS / 3), approved: 0, failed: 0, flagged: 28 };
const list = JSON.stringify({ articles: [{ id: 'bench', title: 'Hòa Bình đẩy mạnh công tác đối ngoại', status: 'in_review', createdAt: '2026-11-27T06:00:00Z', updatedAt: '2026-11-27T06:00:00Z', counts }] });
const coldRenders: number[] = [];
const firstRenders: number[] = [];
const completes: number[] = [];
let keystrokes: number[] = [];
let frames: number[] = [];
let streamingKeys: number[] = [];
let streamedEvents = 0;
let streamReloads = 0;
let longTasks: number[] = [];
let rowsInDom = 0;
let lastShown = 0;
let longFrames: Array<{ duration: number; script: number; layout: number; invokers: string[] }> = [];
const STREAM_KEYS = 150;

/**
 * Answer the API from memory. With `streaming`, the event streams go through to this script's server; without, they
 * stay open and silent, as a server's do while nobody else edits.
 */
function routeApi(page: import('playwright-core').Page, articleBody: string, streaming = false) {
  return page.route('**/api/**', (route) => {
    const u = new URL(route.request().url());
    if (u.pathname.endsWith('/events')) return streaming ? route.continue() : undefined;
    if (u.pathname === '/api/articles') return route.fulfill({ status: 200, contentType: 'application/json', body: list });
    if (u.pathname === '/api/articles/bench') return route.fulfill({ status: 200, contentType: 'application/json', body: articleBody });
    if (u.pathname === '/api/articles/bench/jobs') return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ jobs: [{ id: 'job1', kind: 'translate', status: 'running', total: SEGMENTS, done: 0, failed: 0 }] }) });
    if (route.request().method() === 'PATCH' && u.pathname.startsWith('/api/segments/')) {
      // Saves succeed, as a running server's do (a failing save would put the unsaved banner on the page).
      const seg = bench.segments.find((x) => x.id === decodeURIComponent(u.pathname.split('/').pop()!));
      const patch = route.request().postDataJSON() as { translation?: string; status?: Segment['status']; version: number };
      if (seg) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...seg, ...patch, version: patch.version + 1 }) });
    }
    if (u.pathname === '/api/health') return route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok":true,"version":"bench","model":{"configured":true,"model":"bench","baseUrlHost":null}}' });
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"ERR_NOT_FOUND","message":"bench"}}' });
  });
}
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // tsx keeps function names with a `__name` helper that page.evaluate's serialised functions do not carry.
    await page.addInitScript('globalThis.__name = (f) => f');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await routeApi(page, body);
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
      const rows = view.shadowRoot!.querySelectorAll('wb-segment-row');
      const row = rows[Math.min(150, rows.length - 1)] as HTMLElement & { updateComplete: Promise<unknown> };
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
    // Scrolling: SCROLL_PX a frame down the list, recording frame intervals.
    frames = await page.evaluate(async ([px, cap]) => {
      window.scrollTo(0, 0);
      // What the long frames were made of: the page's own work (scripts, style and layout) or waiting for the CPU.
      const loaf: Array<{ duration: number; script: number; layout: number; invokers: string[] }> = [];
      (window as unknown as { loaf: typeof loaf }).loaf = loaf;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => {
        const f = e as PerformanceEntry & { styleAndLayoutStart: number; scripts: Array<{ duration: number; invoker: string }> };
        loaf.push({ duration: f.duration, script: f.scripts.reduce((n, x) => n + x.duration, 0), layout: f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0, invokers: f.scripts.filter((x) => x.duration > 5).map((x) => `${x.invoker} ${Math.round(x.duration)}`) });
      })).observe({ type: 'long-animation-frame' });
      const out: number[] = [];
      let last = performance.now();
      await new Promise<void>((done) => {
        const step = (t: number) => {
          out.push(t - last);
          last = t;
          window.scrollBy(0, px);
          // The list's height is read each frame: spacers for rows not yet measured hold estimated heights.
          if (scrollY >= document.documentElement.scrollHeight - innerHeight - 1 || out.length > cap) done();
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      return out.slice(2);
    }, [SCROLL_PX, SCROLL_FRAMES] as const);
    longFrames = await page.evaluate(() => (window as unknown as { loaf: typeof longFrames }).loaf);
    [rowsInDom, lastShown] = await page.evaluate(() => {
      const rows = [...document.querySelector('wb-app')!.shadowRoot!.querySelector('wb-editor-view')!.shadowRoot!.querySelectorAll('wb-segment-row')] as HTMLElement[];
      const seen = rows.filter((r) => r.getBoundingClientRect().bottom > 0 && r.getBoundingClientRect().top < innerHeight);
      return [rows.length, Math.max(0, ...seen.map((r) => Number(r.getAttribute('aria-posinset') ?? 0)))];
    });
    await context.close();
  }
  // Typing while a translation streams: real key presses (trusted events) into a row while segment events arrive
  // every STREAM_EVERY_MS; each figure runs from the key event's creation to the row re-rendered and laid out, so
  // a key that waits behind other work (a reload of the whole article) counts that wait.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript('globalThis.__name = (f) => f');
  await routeApi(page, translatingBody, true);
  let events = 0;
  let reloads = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/events')) events++;
    if (new URL(r.url()).pathname === '/api/articles/bench') reloads++;
  });
  await page.goto(`${base}/articles/bench`);
  await page.waitForFunction(() => performance.getEntriesByName('wb-editor-rendered').length > 0, null, { timeout: 30_000 });
  await page.evaluate(() => {
    const view = document.querySelector('wb-app')!.shadowRoot!.querySelector('wb-editor-view')!;
    const row = view.shadowRoot!.querySelectorAll('wb-segment-row')[3] as HTMLElement & { updateComplete: Promise<unknown> };
    const ta = row.shadowRoot!.querySelector('textarea')!;
    const w = window as unknown as { keyLatency: number[] };
    w.keyLatency = [];
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { longTasks: number[] }).longTasks.push(e.duration))).observe({ type: 'longtask' });
    let down = 0;
    ta.addEventListener('keydown', (e) => (down = e.timeStamp));
    ta.addEventListener('input', () => {
      const t0 = down;
      void row.updateComplete.then(() => {
        void document.body.getBoundingClientRect();
        w.keyLatency.push(performance.now() - t0);
      });
    });
    ta.focus();
  });
  await page.waitForTimeout(1500); // let the streams get going
  const reloadsBefore = reloads;
  await page.keyboard.type('x'.repeat(STREAM_KEYS), { delay: 40 });
  await page.waitForTimeout(300);
  streamingKeys = await page.evaluate(() => (window as unknown as { keyLatency: number[] }).keyLatency);
  longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  streamedEvents = events;
  streamReloads = reloads - reloadsBefore;
  await context.close();
} finally {
  await browser.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log(`Editor benchmark, ${SEGMENTS} segments, headless Chromium 1280x800 (${os.cpus().length} cores)`);
console.log(`  first rows after data     median ${ms(pct(firstRenders, 50))}  (runs: ${firstRenders.map((x) => x.toFixed(0)).join(', ')} ms)  target < 500 ms: ${verdict(pct(firstRenders, 50) < 500)}; opened from the article list`);
console.log(`  same, cold page load      median ${ms(pct(coldRenders, 50))}  (runs: ${coldRenders.map((x) => x.toFixed(0)).join(', ')} ms)  target < 500 ms: ${verdict(pct(coldRenders, 50) < 500)}; editor URL opened directly`);
console.log(`  whole list ready          median ${ms(pct(completes, 50))}  (every row reachable by scrolling)`);
console.log(`  keystroke re-render       median ${ms(pct(keystrokes, 50))}  p95 ${ms(pct(keystrokes, 95))}  max ${ms(Math.max(...keystrokes))}  target p95 < 16 ms: ${verdict(pct(keystrokes, 95) < 16)}`);
console.log(`  typing while streaming    median ${ms(pct(streamingKeys, 50))}  p95 ${ms(pct(streamingKeys, 95))}  max ${ms(Math.max(...streamingKeys))}  target p95 < 16 ms: ${verdict(pct(streamingKeys, 95) < 16)} (${streamingKeys.length} keys, a segment event every ${STREAM_EVERY_MS} ms)`);
console.log(`    meanwhile                ${streamReloads} whole-article reloads, ${streamedEvents} event streams opened, ${longTasks.length} main-thread tasks over 50 ms (longest ${ms(Math.max(0, ...longTasks))})`);
console.log(`  scrolling (${frames.length} frames of ${SCROLL_PX} px)   median frame ${ms(pct(frames, 50))}  p95 ${ms(pct(frames, 95))}  max ${ms(Math.max(...frames))}  target no frame > 50 ms: ${verdict(Math.max(...frames) <= 50)} (${frames.filter((f) => f > 50).length} over)`);
console.log(`    rows in the DOM           ${rowsInDom} at the end of the scroll, which shows segment ${lastShown} of ${SEGMENTS}`);
const sum = (f: (x: (typeof longFrames)[number]) => number) => longFrames.reduce((n, x) => n + f(x), 0);
console.log(`    long animation frames    ${longFrames.length} over 50 ms while scrolling, ${ms(sum((x) => x.duration))} in all: scripts ${ms(sum((x) => x.script))}, style and layout ${ms(sum((x) => x.layout))}, the rest painting or waiting for a CPU${longFrames.some((x) => x.invokers.length) ? `; scripts over 5 ms: ${longFrames.flatMap((x) => x.invokers).slice(0, 6).join('; ')}` : ''}`);
console.log(`  bundle JS+CSS             ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (${assets.join(', ')})  target < 120 KB`);
