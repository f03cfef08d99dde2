/**
 * report.html in a real headless Chromium: what a person sees and clicks. No request leaves the page, hostile
 * model output stays text, and sorting by the largest difference puts the most disputed item first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranslationRun } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';
import { scoreItem } from '../runner/score-item.ts';
import { buildReport } from './build-report.ts';
import { renderReportHtml } from './report-html.ts';

const SOURCES = ['Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế.', 'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.', 'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.'];
const REFS = ['In 2020, Hoa Binh province welcomed 15 international delegations.', 'Total foreign investment reached USD 790.84 million.', 'Foreign affairs work helped promote the image of the province.'];
const EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

function run(prompt: string, hyps: string[], qa: Record<number, Record<string, number>> = {}): TranslationRun {
  const items: ItemResult[] = hyps.map((h, i) => ({
    id: `s${i + 1}`, repeat: 0, source: SOURCES[i]!, reference: REFS[i], hypothesis: h, scores: scoreItem(SOURCES[i]!, h, REFS[i]), qa: qa[i] ?? {},
    tokensIn: 10, tokensOut: 5, latencyMs: 100, cached: false,
  }));
  return { prompt, model: 'm', repeat: 0, fingerprint: { promptHash: prompt, model: 'm', params: {} }, items };
}

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  dir = await mkdtemp(path.join(tmpdir(), 'evals-html-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('shows every item, keeps hostile text inert, sorts by the largest difference and filters QA issues', async () => {
    const a = run('translate@v1', [REFS[0]!, 'Investment was large.', EVIL], { 1: { QA_NUMBER_MISSING: 1 } });
    const b = run('translate@v2', [REFS[0]!, REFS[1]!, REFS[2]!]);
    const file = path.join(dir, 'report.html');
    await writeFile(file, renderReportHtml(buildReport([a, b], { datasetFile: 'x.jsonl', datasetItems: 3, concurrency: 1, repeat: 1 })));

    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${file}`);
    expect(await page.locator('.item').count()).toBe(3);
    expect(await page.locator('img').count()).toBe(0);
    await expect.poll(() => page.locator('.item[data-id="s3"]').innerText()).toContain('<img src=x onerror="alert(1)">');

    await page.selectOption('#sort', 'spread');
    expect(await page.locator('.item').first().getAttribute('data-id')).toBe('s3');
    await page.selectOption('#filter', 'qa');
    expect(await page.locator('.item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['s2']);
    await expect.poll(() => page.locator('.badge.qa').first().innerText()).toBe('QA_NUMBER_MISSING 1');

    expect(requests).toEqual([`file://${file}`]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('pages a long report 50 items at a time, filters failed and worst items, and sorts failed first', async () => {
    const n = 120;
    const mk = (prompt: string, hyp: (i: number) => string, fail: (i: number) => boolean): TranslationRun => ({
      prompt, model: 'm', repeat: 0, fingerprint: { promptHash: prompt, model: 'm', params: {} },
      items: Array.from({ length: n }, (_, i) => {
        const src = SOURCES[i % 3]!;
        const ref = REFS[i % 3]!;
        const base = { id: `i${i + 1}`, repeat: 0, source: src, reference: ref, qa: {}, tokensIn: 1, tokensOut: 1, latencyMs: 1, cached: false };
        return fail(i)
          ? { ...base, hypothesis: '', scores: scoreItem(src, '', ref), error: { code: 'ERR_MODEL_OUTPUT_INVALID', message: 'rejected', rawAnswer: src } }
          : { ...base, hypothesis: hyp(i), scores: scoreItem(src, hyp(i), ref) };
      }),
    });
    // v2 fails on items 7 and 90; v1 is half a translation on every tenth item
    const a = mk('translate@v1', (i) => (i % 10 ? REFS[i % 3]! : REFS[i % 3]!.split(' ').slice(0, 4).join(' ')), () => false);
    const b = mk('translate@v2', (i) => REFS[i % 3]!, (i) => i === 6 || i === 89);
    const file = path.join(dir, 'long.html');
    await writeFile(file, renderReportHtml(buildReport([a, b], { datasetFile: 'long.jsonl', datasetItems: n, concurrency: 1, repeat: 1 })));
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const ids = () => page.locator('.item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(await page.locator('.item').count()).toBe(50);
    expect(await page.locator('#page-info').innerText()).toBe('1–50 of 120 items');
    await page.click('#next');
    expect((await ids())[0]).toBe('i51');
    await page.click('#next');
    expect(await page.locator('#page-info').innerText()).toBe('101–120 of 120 items');
    expect(await page.locator('#next').isDisabled()).toBe(true);

    await page.selectOption('#filter', 'failed');
    expect(await ids()).toEqual(['i7', 'i90']);
    expect(await page.locator('.item[data-id="i7"] .raw').innerText()).toContain(`rejected answer: ${SOURCES[0]}`);
    await page.selectOption('#filter', 'all');
    await page.selectOption('#sort', 'spread');
    expect((await ids()).slice(0, 3)).toEqual(['i7', 'i90', 'i1']);
    await page.fill('#worst', '5');
    expect(await page.locator('#page-info').innerText()).toBe('1–5 of 5 items (120 in all)');
    // the two failures (0) and the three lowest half translations (ties in dataset order)
    expect((await ids()).sort()).toEqual(['i1', 'i31', 'i61', 'i7', 'i90'].sort());
    await page.close();
  });
});
