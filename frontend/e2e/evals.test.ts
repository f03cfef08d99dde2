/**
 * The Evals page in Chromium against the real API: a saved report is listed, opens at /evals/:id with its summary,
 * winner, comparisons and items side by side, and the items sort by the difference between candidates and by id.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEvalReport } from '../../backend/src/services/evals.ts';
import { evalRunsRepository } from '../../backend/src/storage/kysely/evals-repository.ts';
import { SOURCES } from '../src/test/fixtures.ts';
import { SCREENSHOTS, startStack, type Stack } from './harness.ts';

let s: Stack;
let page: Page;
let errors: string[];
let id: string;

const N = 60;
const REFERENCES = [
  'A working delegation from Yamanashi Prefecture (Japan) explored opportunities for cooperation and investment in the province.',
  'Over the past three years the province attracted 16 FDI projects with a total investment of 272.303 million USD.',
  'Assessing three years of implementing Resolution No. 12-NQ/TU, Comrade Tran Hong Quang, Director of the Department of Foreign Affairs, said.',
];
// dataset order is not id order (hb-1, hb-8, hb-15, ...), and candidate B beats A by `k + 1` chrF++ on the k-th item
const ids = Array.from({ length: N }, (_, k) => `hb-${((k * 7) % N) + 1}`);
const item = (k: number, hypothesis: string, chrfpp: number, extra: object = {}) => ({
  id: ids[k], repeat: 0, source: SOURCES[k % 3], reference: REFERENCES[k % 3], hypothesis, scores: { chrfpp },
  qa: {}, tokensIn: 40, tokensOut: 30, latencyMs: 200, cached: false, ...extra,
});
const metrics = (chrfpp: number, bleu: number, failed: number) => ({
  scored: N - failed, failed, cached: 0, bleu, chrf: chrfpp - 2, chrfpp,
  bleuInterval: { mean: bleu, low: bleu - 2.1, high: bleu + 2.1, ci: 2.1 }, chrfppInterval: { mean: chrfpp, low: chrfpp - 1.8, high: chrfpp + 1.8, ci: 1.8 },
  qa: failed ? { numbers: 1 } : {}, tokensIn: 2400, tokensOut: 1800, latencyMsP50: 200, latencyMsP95: 240, costUsd: null, meanLengthRatio: 1,
});
const A = 'translate@v1 · scripted-model';
const B = 'translate@v2 · scripted-model';
const report = {
  createdAt: '2026-11-27T07:00:00.000Z',
  dataset: { file: 'evals/datasets/hoabinh-60.jsonl', items: N },
  runs: [
    { label: A, prompt: 'translate@v1', model: 'scripted-model', repeat: 0, promptHash: 'h1', params: {}, metrics: metrics(48.25, 21.4, 1),
      items: ids.map((_, k) => k === 1
        ? item(k, '', 0, { error: { code: 'ERR_MODEL_TIMEOUT', message: 'The model did not answer in 30 s' } })
        : item(k, REFERENCES[k % 3]!.replace(/province/g, 'provinces'), 30, k === 2 ? { qa: { numbers: 1 } } : {})) },
    { label: B, prompt: 'translate@v2', model: 'scripted-model', repeat: 0, promptHash: 'h2', params: {}, metrics: metrics(61.4, 30.05, 0),
      items: ids.map((_, k) => item(k, REFERENCES[k % 3]!, 31 + k)) },
  ],
  comparisons: [
    { metric: 'bleu', baseline: A, system: B, n: N - 1, delta: 8.65, deltaMean: 8.61, ciLow: 5.2, ciHigh: 12.1, pValue: 0.001, significant: true },
    { metric: 'chrfpp', baseline: A, system: B, n: N - 1, delta: 13.15, deltaMean: 13.1, ciLow: 9.9, ciHigh: 16.4, pValue: 0.001, significant: true },
  ],
  repeats: [],
  winner: { label: B, metric: 'chrfpp', chrfpp: 61.4, significant: true },
};

beforeAll(async () => {
  s = await startStack();
  id = await saveEvalReport(evalRunsRepository(s.deps.store.db), report, new Date('2026-11-27T07:05:00Z'));
  ({ page, errors } = await s.newPage());
});
afterAll(async () => {
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
const itemIds = () => page.locator('wb-eval-item header strong').allTextContents();

describe('the Evals page', () => {
  it('lists the saved run with its dataset, configurations, scores and winner', async () => {
    await page.goto(`${s.baseUrl}/evals`);
    const row = page.locator('wb-evals-view tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await shot('29-evals');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(1).map((c) => c.replace(/\s+/g, ' ').trim())).toEqual([
      'hoabinh-60.jsonl', 'translate@v1, translate@v2 × scripted-model', '60', `${A}: chrF++ 48.25 · BLEU 21.40 ${B}: chrF++ 61.40 · BLEU 30.05`, B,
    ]);
  });

  it('opens the run at /evals/:id with the summary, the winner and the comparisons', async () => {
    await page.locator('wb-evals-view tbody tr a').first().click();
    await page.waitForURL(new RegExp(`/evals/${id}$`));
    await page.getByRole('heading', { name: 'hoabinh-60.jsonl · translate@v1 vs translate@v2' }).waitFor();
    await page.getByText(`Winner on chrF++: ${B} (61.40), significantly different from every other configuration after correction.`).waitFor();
    const winner = page.locator('wb-eval-summary tr.winner td');
    expect((await winner.allTextContents()).slice(0, 6).map((c) => c.replace(/\s+/g, ' ').trim()))
      .toEqual(['translate@v2winner', 'scripted-model', '1', '61.40 ± 1.80', '30.05 ± 2.10', '59.40']);
    expect(await page.locator('wb-eval-summary tbody tr').count()).toBe(2 + 2);
    expect((await page.locator('wb-eval-summary table.comparisons tbody tr').nth(1).locator('td').allTextContents()).map((c) => c.trim()))
      .toEqual(['chrfpp', A, B, '59', '+13.15 (+13.10)', '[9.90, 16.40]', '0.001', '0.001', 'different']);
  });

  it('shows the items a page at a time, with diffs, QA badges and errors', async () => {
    await expect.poll(() => page.locator('wb-eval-item').count()).toBe(50);
    await page.getByText('50 of 60 items').waitFor();
    expect((await itemIds()).slice(0, 3)).toEqual(['hb-1', 'hb-8', 'hb-15']);
    const first = page.locator('wb-eval-item').first();
    expect(await first.locator('.candidate').first().locator('del').allTextContents()).toEqual(['province']);
    expect(await first.locator('.candidate').first().locator('ins').allTextContents()).toEqual(['provinces']);
    const failed = page.locator('wb-eval-item').nth(1).locator('.candidate').first();
    expect((await failed.textContent())!.replace(/\s+/g, ' ')).toContain('error The model did not answer in 30 s');
    expect(await page.locator('wb-eval-item').nth(2).locator('.badge.qa').allTextContents()).toEqual(['numbers 1']);
    await page.getByRole('button', { name: 'Show 10 more' }).click();
    await expect.poll(() => page.locator('wb-eval-item').count()).toBe(60);
  });

  it('sorts by the largest difference between candidates, and by id', async () => {
    await page.getByLabel('Sort').selectOption('spread');
    // B - A is k + 1 on the k-th item (60 on the last), except the failed item 1 (one score: no difference)
    await expect.poll(async () => (await itemIds()).slice(0, 3)).toEqual([ids[59], ids[58], ids[57]]);
    expect(await page.locator('wb-eval-item').first().locator('header').textContent()).toContain('difference 60.0');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('30-eval-run');
    await page.getByRole('button', { name: 'Switch the interface to Vietnamese' }).click();
    await page.getByRole('heading', { name: 'Tổng hợp' }).waitFor();
    expect(await page.locator('#sort option:checked').textContent()).toBe('chênh lệch lớn nhất giữa các bản dịch');
    await shot('32-eval-run-vi');
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Summary' }).waitFor();
    await page.getByLabel('Sort').selectOption('id');
    await expect.poll(async () => (await itemIds()).slice(0, 4)).toEqual(['hb-1', 'hb-2', 'hb-3', 'hb-4']);
    await page.locator('wb-eval-item').nth(1).evaluate((el) => el.scrollIntoView());
    await shot('31-eval-items');
  });

  it('opens a 1,000-item run 50 items at a time and sorts it by difference', async () => {
    const big = 1000;
    const bigIds = Array.from({ length: big }, (_, k) => `big-${k + 1}`);
    const run = (label: string, prompt: string, shift: number) => ({
      label, prompt, model: 'scripted-model', repeat: 0, metrics: metrics(50 + shift, 25, 0),
      items: bigIds.map((bid, k) => ({ ...item(k, `${REFERENCES[k % 3]} ${'word '.repeat(k % 5)}`, (k * (shift + 3)) % 97), id: bid })),
    });
    const bigId = await saveEvalReport(evalRunsRepository(s.deps.store.db), {
      ...report, dataset: { file: 'big.jsonl', items: big }, comparisons: [], winner: null,
      runs: [run('v1', 'translate@v1', 0), run('v2', 'translate@v2', 1), run('v3', 'translate@v3', 2)],
    });
    await page.goto(`${s.baseUrl}/evals/${bigId}`);
    await page.getByText('50 of 1000 items').waitFor();
    // Only a page of items is in the DOM, which keeps a large run quick to open and sort.
    expect(await itemIds()).toHaveLength(50);
    await page.getByLabel('Sort').selectOption('spread');
    await expect.poll(async () => (await itemIds())[0]).not.toBe('big-1');
    expect(await itemIds()).toHaveLength(50);
  });

  it('says so for a run that does not exist', async () => {
    await page.goto(`${s.baseUrl}/evals/eval_nope`);
    await page.getByRole('alert').getByText('No such run: eval_nope.').waitFor();
    await page.getByRole('link', { name: '← Evaluation runs' }).click();
    await page.waitForURL(/\/evals$/);
    expect(errors).toEqual([]);
  });
});
