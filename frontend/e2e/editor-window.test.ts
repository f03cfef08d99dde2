/**
 * The editor's windowing on a 1,000-segment article, in Chromium against the real API: only the rows near the
 * viewport are in the DOM, scrolling to the end shows the last segment, Ctrl+G reaches a row that was not rendered,
 * Alt+Down and Ctrl+Enter move past the rendered rows, a draft (and the caret) survive its row scrolling away and
 * back, a colleague's save to a row not rendered shows when it is reached, and screen readers are told each row's
 * position in the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArticle } from '../../backend/test/helpers/seed-article.ts';
import { startStack, type Stack } from './harness.ts';

let s: Stack;
let big = { articleId: '', segmentIds: [] as string[] };
let context: BrowserContext | null = null;

const SEGMENTS = 1000;

/** The rows in the DOM, by their segment number (from the edit box's label), in DOM order. */
const renderedNumbers = (page: Page) => page.evaluate(() => [...document.querySelector('wb-app')!.shadowRoot!.querySelector('wb-editor-view')!
  .shadowRoot!.querySelectorAll('wb-segment-row')].map((r) => Number(r.getAttribute('aria-posinset'))));
const rowByNumber = (page: Page, n: number) => page.locator('wb-segment-row').filter({ has: page.locator(`textarea[aria-label="English translation of segment ${n}"]`) });
/** The segment number whose edit box has the focus, read through the shadow roots. */
const focusedNumber = (page: Page) => page.evaluate(() => {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el?.tagName === 'TEXTAREA' ? Number(/segment (\d+)/.exec(el.getAttribute('aria-label') ?? '')?.[1]) : null;
});

beforeAll(async () => {
  s = await startStack();
  const lines = fs.readFileSync(path.resolve(import.meta.dirname, '../../backend/test/fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8')
    // Lines without numbers: each segment's only number is its own, which the English repeats, so approving passes QA.
    .split(/\n+/).map((l) => l.trim()).filter((l) => l.length > 40 && !/\d/.test(l));
  big = await seedArticle(s.deps.store, 'Một nghìn đoạn', Array.from({ length: SEGMENTS }, (_, i) => `${lines[i % lines.length]!} (${i + 1})`));
  for (const [i, id] of big.segmentIds.entries()) {
    const mt = `Paragraph ${i + 1}: the province stepped up its foreign affairs with the provinces of northern Laos.`;
    await s.deps.store.segments.updateIfVersion(id, 1, { status: 'translated', machine_translation: mt, translation: mt, origin: 'model' }, 'seed');
  }
});
afterAll(async () => {
  await context?.close();
  await s?.close();
});

describe('a 1,000-segment article in the editor', () => {
  it('renders only the rows near the viewport, and reaches every row by scrolling, Ctrl+G and the keyboard', async () => {
    context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.baseUrl}/articles/${big.articleId}`);
    await page.locator('wb-editor-view[data-live]').waitFor({ timeout: 15_000 });
    await rowByNumber(page, 1).waitFor();

    // Far fewer rows than segments, each telling its place in the list of 1,000.
    await expect.poll(async () => (await renderedNumbers(page)).length).toBeGreaterThan(5);
    const first = await renderedNumbers(page);
    expect(first.length).toBeLessThan(60);
    expect(first[0]).toBe(1);
    expect(await rowByNumber(page, 1).getAttribute('aria-setsize')).toBe(String(SEGMENTS));
    expect(await page.locator('wb-editor-view .rows').getAttribute('role')).toBe('list');

    // A draft typed in row 3, which keeps the caret while the list scrolls to its end and back.
    const box3 = rowByNumber(page, 3).locator('textarea');
    await box3.click();
    await box3.press('End');
    await page.keyboard.type(' Đã sửa: hữu nghị.');
    await page.evaluate(async () => {
      for (let i = 0; i < 400 && scrollY < document.documentElement.scrollHeight - innerHeight - 1; i++) {
        window.scrollTo(0, document.documentElement.scrollHeight);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
    });
    await expect.poll(async () => rowByNumber(page, SEGMENTS).evaluate((el) => {
      const b = el.getBoundingClientRect();
      return b.top < innerHeight && b.bottom > 0;
    })).toBe(true);
    const atEnd = await renderedNumbers(page);
    expect(atEnd.length).toBeLessThan(60);
    expect(atEnd).toContain(3); // the focused row stays, out of sight
    expect(atEnd.filter((n) => n < 900)).toEqual([3]);
    expect(await focusedNumber(page)).toBe(3);
    await page.evaluate(async () => {
      for (let i = 0; i < 400 && scrollY > 0; i++) {
        window.scrollTo(0, 0);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      }
    });
    await expect.poll(() => box3.inputValue()).toMatch(/Đã sửa: hữu nghị\.$/);
    expect(await focusedNumber(page)).toBe(3);
    // The draft reached the server through the autosave.
    await expect.poll(async () => (await (await fetch(`${s.baseUrl}/api/articles/${big.articleId}`)).json() as { segments: Array<{ index: number; translation: string }> })
      .segments.find((x) => x.index === 2)?.translation, { timeout: 10_000 }).toMatch(/Đã sửa: hữu nghị\.$/);

    // Ctrl+G 900: a row that was never rendered gets the caret and is on screen.
    await page.locator('wb-editor-view .cols').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('900');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedNumber(page)).toBe(900);
    await expect.poll(() => rowByNumber(page, 900).evaluate((el) => {
      const b = el.getBoundingClientRect();
      return b.top >= 0 && b.bottom <= innerHeight;
    })).toBe(true);
    expect((await renderedNumbers(page)).length).toBeLessThan(60);

    // Alt+Down walks past the rendered rows; Ctrl+Enter approves and moves on.
    for (let n = 901; n <= 930; n++) {
      await page.keyboard.press('Alt+ArrowDown');
      await expect.poll(() => focusedNumber(page)).toBe(n);
    }
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => focusedNumber(page)).toBe(931);
    await expect.poll(() => rowByNumber(page, 930).getAttribute('data-status')).toBe('approved');
    const last = await renderedNumbers(page);
    expect(last.length).toBeLessThan(60);
    expect(last).toContain(931);

    // A colleague's save to a row not rendered arrives on the live events and shows when the row is reached.
    expect(last).not.toContain(10);
    const before = (await (await fetch(`${s.baseUrl}/api/articles/${big.articleId}`)).json() as { segments: Array<{ id: string; index: number; version: number }> })
      .segments.find((x) => x.index === 9)!;
    const res = await fetch(`${s.baseUrl}/api/segments/${before.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ translation: 'Paragraph 10: a colleague strengthened the friendship with northern Laos.', version: before.version }),
    });
    expect(res.status).toBe(200);
    await page.waitForTimeout(500); // the event reaches the store while the row is not in the DOM
    expect(await renderedNumbers(page)).not.toContain(10);
    await page.locator('wb-editor-view .cols').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedNumber(page)).toBe(10);
    expect(await rowByNumber(page, 10).locator('textarea').inputValue()).toBe('Paragraph 10: a colleague strengthened the friendship with northern Laos.');
    expect(errors).toEqual([]);
  });
});
