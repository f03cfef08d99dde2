import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, SCREENSHOTS, startStack, type Stack } from './harness.ts';

let s: Stack;
let page: Page;
let errors: string[];
let articleId = '';

beforeAll(async () => {
  s = await startStack();
  ({ page, errors } = await s.newPage());
});
afterAll(async () => {
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

/** The editor's rows live in shadow roots; playwright's CSS locators pierce them. */
const row = (n: number) => page.locator('wb-segment-row').nth(n);

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${s.baseUrl}${url}`, init);
  return (await res.json()) as T;
}

describe('the workbench in Chromium', () => {
  it('imports the sample through the dialog, restoring a cut paragraph', async () => {
    await page.goto(s.baseUrl);
    await page.getByText('No articles yet').waitFor();
    await shot('01-articles-empty');
    await page.getByRole('button', { name: 'Import article' }).click();
    await page.getByLabel('Vietnamese text').fill(SAMPLE);
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText(/segments will be created/).waitFor();
    await shot('02-import-preview');
    const cut = page.locator('input[data-restore]');
    expect(await cut.count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/articles\/[^/]+$/);
    articleId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await row(0).waitFor();
    const article = await api<{ segments: Array<{ source: string }> }>(`/api/articles/${articleId}`);
    expect(await page.locator('wb-segment-row').count()).toBe(article.segments.length);
    await expect.poll(() => row(1).locator('.src').textContent()).toBe(article.segments[1]!.source);
    await shot('03-editor-imported');
  });

  it('saves an edit typed into the page through the API', async () => {
    const typed = 'In early 2017 the Provincial Party Standing Committee issued Resolution 12-NQ/TU on foreign affairs.';
    const box = row(0).locator('textarea');
    await box.click();
    await box.pressSequentially(typed, { delay: 2 });
    await expect.poll(() => row(0).locator('.save').textContent(), { timeout: 10_000 }).toBe('Saved');
    const a = await api<{ segments: Array<{ translation: string | null; status: string; version: number }> }>(`/api/articles/${articleId}`);
    expect(a.segments[0]).toMatchObject({ translation: typed, status: 'edited', version: 2 });
    await shot('04-editor-edited');
  });

  it('approves with Ctrl+Enter and moves to the next unapproved segment', async () => {
    await row(0).locator('textarea').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await api<{ segments: Array<{ status: string }> }>(`/api/articles/${articleId}`)).segments[0]!.status).toBe('approved');
    await expect.poll(() => row(1).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await expect.poll(() => row(0).locator('.status').textContent()).toBe('approved');
  });

  it('moves between rows with Alt+Down / Alt+Up and opens the help with ?', async () => {
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => row(2).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => row(1).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.locator('wb-editor-view .cols').click();
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await shot('05-help');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
  });

  it('shows both versions when another client saved first, and saves the merge on top', async () => {
    const article = await api<{ segments: Array<{ id: string; version: number }> }>(`/api/articles/${articleId}`);
    const target = article.segments[2]!;
    const other = await fetch(`${s.baseUrl}/api/segments/${target.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ translation: 'Text saved by a colleague.', version: target.version, editor: 'colleague' }),
    });
    expect(other.status).toBe(200);
    const box = row(2).locator('textarea');
    await box.click();
    await box.pressSequentially('My own text.', { delay: 2 });
    const dialog = page.locator('wb-conflict-dialog dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await dialog.locator('.theirs').textContent()).toBe('Text saved by a colleague.');
    expect(await dialog.locator('#merged').inputValue()).toBe('My own text.');
    await shot('06-conflict');
    await dialog.locator('#merged').fill('Text saved by a colleague. My own text.');
    await dialog.getByRole('button', { name: 'Save merged text' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api<{ segments: Array<{ translation: string | null; version: number }> }>(`/api/articles/${articleId}`)).segments[2])
      .toMatchObject({ translation: 'Text saved by a colleague. My own text.', version: target.version + 2 });
    expect(await box.inputValue()).toBe('Text saved by a colleague. My own text.');
  });

  it('switches the interface to Vietnamese and remembers it', async () => {
    await page.getByRole('button', { name: 'Switch the interface to Vietnamese' }).click();
    await page.getByText('Nguồn tiếng Việt').waitFor();
    await page.reload();
    await page.getByText('Nguồn tiếng Việt').waitFor();
    await shot('07-editor-vi');
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Anh' }).click();
    await page.getByText('Vietnamese source').waitFor();
  });

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
