/**
 * Starting an eval run from the Evaluations page in Chromium, against the real API and the scripted model: an uploaded
 * JSONL runs two prompt versions with a progress bar and opens as a saved run with its scores; a run can be cancelled.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTranslate, sourceOf, translatorScript } from '../../backend/test/helpers/scripted-model-server.ts';
import { SCREENSHOTS, startStack, type Stack } from './harness.ts';

// real sentences of the Hoa Binh foreign-affairs article, with the scripted model's own answer as reference
const LINES = [
  'Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế đến thăm và làm việc.',
  'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.',
  'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.',
];
const NTREX_FIRST = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../evals/datasets/ntrex128-vi-en-dev.jsonl'), 'utf8').split('\n')[0]!) as { vi: string }).vi;
const JSONL = LINES.map((vi, i) => JSON.stringify({ id: `hb-${i + 1}`, vi, en: fakeTranslate(vi) })).join('\n') + '\n';

let s: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  s = await startStack();
  ({ page, errors } = await s.newPage());
});
afterAll(async () => {
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe('New run on the Evaluations page', () => {
  it('runs an uploaded JSONL on two prompt versions with progress, then opens the saved run with its scores', async () => {
    s.model.setLatency(150);
    await page.goto(`${s.baseUrl}/evals`);
    await page.getByText('No evaluation runs yet').waitFor();
    await page.getByRole('button', { name: 'New run' }).click();
    await page.getByLabel('Upload a JSONL file').check();
    await page.getByLabel('File to upload').setInputFiles({ name: 'hoa-binh.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(JSONL) });
    await page.getByLabel('translate@v1').check();
    await page.getByLabel('translate@v2').check();
    await page.getByLabel('Item limit (empty: all)').fill('3');
    expect(await page.getByLabel('Models (one a line)').inputValue()).toBe('scripted-model');
    await shot('33-eval-new-run');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('progressbar').waitFor();
    await page.waitForURL(/\/evals\/eval_\w+$/, { timeout: 60_000 });
    await page.getByRole('heading', { name: 'hoa-binh.jsonl · translate@v1 vs translate@v2' }).waitFor();
    const rows = page.locator('wb-eval-summary tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    // the scripted model answers with the references: chrF++ 100 for both, no failures
    const cells = (await rows.first().locator('td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells.join(' | ')).toMatch(/100\.00/);
    await expect.poll(() => page.locator('wb-eval-item').count()).toBe(3);
    expect(s.model.requests.length).toBe(6);
    await page.goto(`${s.baseUrl}/evals`);
    await expect.poll(() => page.locator('wb-evals-view tbody tr').count()).toBe(1);
    expect(await page.locator('wb-evals-view tbody tr td').nth(1).textContent()).toBe('hoa-binh.jsonl');
  });

  it('counts a failed item while the run goes, follows it again after a reload, cancels it, and says nothing was saved', async () => {
    // the model refuses the first NTREX item (a 400 is not retried) and answers the others slowly
    s.model.setScript((req, ctx) => (sourceOf(req) === NTREX_FIRST ? { status: 400, body: { error: { message: 'scripted refusal', type: 'invalid_request_error' } } } : translatorScript(req, ctx)));
    s.model.setLatency(1_500);
    try {
      await page.getByRole('button', { name: 'New run' }).click();
      await page.getByLabel(/NTREX-128 dev set \(1007 items\)/).check();
      await page.getByLabel('Item limit (empty: all)').fill('8');
      await page.getByRole('button', { name: 'Start run' }).click();
      await page.getByText('ntrex128-vi-en-dev.jsonl · translate@v1 × scripted-model · ≤ 8').waitFor();
      // four in flight (WORKBENCH_CONCURRENCY): the first four answers, one of them the refusal
      await page.getByText('4 of 8 answered · 1 failed · 0 from cache').waitFor({ timeout: 30_000 });
      expect(Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(4);
      await shot('34-eval-run-progress');
      // a reload finds the run still going and follows it again
      await page.reload();
      await page.getByText(/\d of 8 answered · 1 failed · 0 from cache/).waitFor();
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByText('The run was cancelled: nothing was saved.').waitFor();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Start run' }).waitFor();
      const list = await (await fetch(`${s.baseUrl}/api/evals`)).json();
      expect(list.evals).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      s.model.setLatency(0);
      s.model.setScript(translatorScript);
    }
  });
});
