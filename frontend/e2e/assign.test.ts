/**
 * Assignment in Chromium: a reviewer sets an article's translator, reviewer and due date from the editor header, sees
 * them in the articles list with the overdue mark, and narrows the list with "Due on or before" and "Mine only".
 * The names must be enabled users (the server checks), so the test adds a translator and a reviewer, which turns the
 * loopback install into the accounts mode: the articles are imported before that, as in single-user mode.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../backend/src/services/accounts.ts';
import { importViaApi, SAMPLE, SCREENSHOTS, startStack, type Stack } from './harness.ts';

const PASSWORD = 'hiệu-đính-mật-khẩu-2026';
let s: Stack;
let first = '';
let second = '';

beforeAll(async () => {
  s = await startStack();
  first = (await importViaApi(s.baseUrl, SAMPLE)).id;
  second = (await importViaApi(s.baseUrl, 'Thu hút 16 dự án FDI.\n\nTỉnh Hòa Bình đã thu hút 16 dự án đầu tư trực tiếp nước ngoài trong ba năm.', 'Thu hút 16 dự án FDI')).id;
  await s.deps.store.articles.assign(second, { due_date: '2099-06-01' });
  await addUser(s.deps, 'Minh', 'translator', 'biên-dịch-mật-khẩu-2026');
  await addUser(s.deps, 'Nguyễn Thị Lan', 'reviewer', PASSWORD);
});
afterAll(async () => {
  await s?.close();
});

const rowIds = (page: Page) => page.locator('wb-articles-view tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));

describe('assigning an article in Chromium', () => {
  it('sets translator, reviewer and due date in the editor, shows them in the list, filters by due date', async () => {
    const { page, errors } = await s.newPage();
    await page.goto(s.baseUrl);
    await page.getByLabel('Name', { exact: true }).fill('Nguyễn Thị Lan');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Articles' }).waitFor();

    await page.locator(`wb-articles-view tr[data-id="${first}"] a`).click();
    const form = page.locator('wb-assign-form');
    await form.getByRole('button', { name: 'Assign…' }).click();
    await form.getByLabel('Translator', { exact: true }).fill('Minh');
    await form.getByLabel('Reviewer', { exact: true }).fill('Nguyễn Thị Lan');
    await form.getByLabel('Due', { exact: true }).fill('2020-05-01');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('[data-assignment]').getByText('Translator: Minh').waitFor();
    expect((await form.locator('[data-assignment]').innerText()).replace(/\s+/g, ' ')).toContain('Reviewer: Nguyễn Thị Lan Due: 2020-05-01 overdue');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-editor.png') });

    await page.getByRole('link', { name: 'Articles' }).first().click();
    const row = page.locator(`wb-articles-view tr[data-id="${first}"]`);
    await row.waitFor();
    expect(await row.locator('td.people').innerText()).toMatch(/^Minh\s+Reviewer: Nguyễn Thị Lan$/);
    expect(await row.getAttribute('class')).toContain('overdue');
    expect(await page.locator(`wb-articles-view tr[data-id="${second}"] td.due`).innerText()).toBe('2099-06-01');
    expect(await rowIds(page)).toHaveLength(2);

    await page.locator('wb-articles-view').getByLabel('Due on or before').fill('2026-12-31');
    await expect.poll(() => rowIds(page)).toEqual([first]);
    await page.locator('wb-articles-view').getByLabel('Due on or before').fill('2099-12-31');
    await expect.poll(() => rowIds(page)).toEqual([first, second]);
    await page.locator('wb-articles-view').getByLabel('Mine only').check();
    await expect.poll(() => rowIds(page)).toEqual([first]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-list.png') });
    expect(errors).toEqual([]);
  });
});
