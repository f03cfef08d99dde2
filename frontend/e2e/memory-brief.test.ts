/**
 * The trusted memory and the brief history in Chromium: a fuzzy match shows what differs, the memory page searches,
 * edits and deletes, and regenerating a brief keeps the approved version, which can be restored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryExamples } from '../../backend/src/services/translation-examples.ts';
import { translationMemoryFor } from '../../backend/src/services/translation-memory.ts';
import { importViaApi, startStack, type Stack } from './harness.ts';

const LAOS = 'Biên bản ghi nhớ với 2 tỉnh Luông Phabang và Hủa Phăn được thực hiện hiệu quả, góp phần tăng cường quan hệ hữu nghị.';
const LAOS_EN = 'The memoranda of understanding with the two provinces of Luang Prabang and Houaphanh have been implemented effectively, strengthening friendly relations.';
const YAMANASHI = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh Hòa Bình.';
const YAMANASHI_EN = 'A delegation from Yamanashi Prefecture (Japan) worked in Hoa Binh, exploring opportunities for cooperation and investment.';

let s: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  s = await startStack();
  ({ page, errors } = await s.newPage());
  const tm = translationMemoryFor(s.deps);
  await tm.recordApproved({ source: LAOS, translation: LAOS_EN, editor: 'lan', articleId: 'art_old' });
  await tm.recordApproved({ source: YAMANASHI, translation: YAMANASHI_EN, editor: 'minh', articleId: 'art_old' });
  // Sent once to the model as an example, as a translation job would.
  await memoryExamples(tm)(YAMANASHI.replace('Hòa Bình', 'ta'));
});
afterAll(async () => {
  await s?.close();
});

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(`${s.baseUrl}${url}`, init)).json()) as T;
}

describe('a translation memory that can be trusted, in Chromium', () => {
  it('shows how a fuzzy match differs: the changed word marked and the changed figure called out, scored below 100%', async () => {
    const article = await importViaApi(s.baseUrl, `Hợp tác với Lào\n\n${LAOS.replace('2 tỉnh', '3 tỉnh')}`);
    await page.goto(`${s.baseUrl}/articles/${article.id}`);
    const row = page.locator('wb-segment-row').nth(1);
    await row.locator('textarea').focus();
    const matches = row.locator('wb-tm-matches');
    await matches.locator('li').first().waitFor();
    expect(await matches.locator('.pct').first().textContent()).toBe('90%');
    expect(await matches.locator('del').allTextContents()).toEqual(['2']);
    expect(await matches.locator('ins').allTextContents()).toEqual(['3']);
    expect(await matches.locator('.numbers').textContent()).toBe('Figures differ (memory → this segment): 2 → 3');
    await matches.getByRole('button', { name: 'Use the 90% memory match in the edit' }).click();
    await expect.poll(() => row.locator('textarea').inputValue()).toBe(LAOS_EN);
  });

  it('searches the memory page without diacritics, shows what was sent to the model, edits and deletes', async () => {
    await page.goto(`${s.baseUrl}/memory`);
    const view = page.locator('wb-memory-view');
    await view.getByText('2 of 2 entries').waitFor();
    await view.getByLabel('Search (Vietnamese or English)').fill('huu nghi');
    await view.getByText('1 of 1 entries').waitFor();
    expect(await view.locator('tbody tr td:first-child').allTextContents()).toEqual([LAOS]);
    await view.getByLabel('Search (Vietnamese or English)').fill('');
    await view.getByLabel('Sent to the model').selectOption('true');
    await view.getByText('1 of 1 entries').waitFor();
    expect(await view.locator('.badge.sent').allTextContents()).toEqual(['sent to the model 1×']);

    const yamanashiRow = view.locator('tbody tr').first();
    await yamanashiRow.getByRole('button', { name: 'Edit' }).click();
    await yamanashiRow.getByLabel('English of this memory entry').fill('A Yamanashi (Japan) delegation visited Hoa Binh to explore cooperation and investment.');
    await yamanashiRow.getByRole('button', { name: 'Save' }).click();
    await yamanashiRow.getByText('A Yamanashi (Japan) delegation visited Hoa Binh to explore cooperation and investment.').waitFor();
    const { units } = await api<{ units: Array<{ source: string; target: string }> }>('/api/tm/units?q=yamanashi');
    expect(units.map((u) => u.target)).toEqual(['A Yamanashi (Japan) delegation visited Hoa Binh to explore cooperation and investment.']);

    page.once('dialog', (d) => void d.accept());
    await yamanashiRow.getByRole('button', { name: 'Delete' }).click();
    await view.getByText('0 of 0 entries').waitFor();
    expect((await api<{ total: number }>('/api/tm/units?q=yamanashi')).total).toBe(0);
  });
});

describe('briefs keep their history, in Chromium', () => {
  it('regenerating keeps the approved, edited brief, which can be compared and restored', async () => {
    const article = await importViaApi(s.baseUrl, `Hòa Bình đẩy mạnh đối ngoại\n\n${YAMANASHI}\n\n${LAOS}\n\nTỉnh tiếp tục thực hiện các cam kết quốc tế.`);
    let n = 0;
    s.model.setScript(() => ({
      json: {
        headline: `Generated headline ${++n}`, summary: 'Hoa Binh worked with Yamanashi and two Lao provinces and kept its international commitments. '.repeat(6).trim(),
        keyPoints: [{ text: 'Yamanashi visit', segmentIds: ['s2'] }, { text: 'Memoranda with two Lao provinces', segmentIds: ['s3'] }, { text: 'Commitments kept', segmentIds: ['s4'] }],
        people: [], organisations: [], places: ['Hoa Binh'], figures: [],
      },
    }));
    await page.goto(`${s.baseUrl}/articles/${article.id}`);
    await page.getByRole('button', { name: 'Brief', exact: true }).click();
    const panel = page.locator('wb-brief-panel');
    await panel.getByRole('button', { name: 'Generate brief' }).click();
    await panel.locator('p.headline').getByText('Generated headline 1', { exact: true }).waitFor({ timeout: 20_000 });

    // Edit every kind of part, then approve.
    await panel.getByRole('button', { name: 'Edit' }).click();
    await panel.getByLabel('Headline').fill('Hoa Binh widens its foreign ties');
    await panel.getByRole('button', { name: 'Move key point 3 up' }).click();
    await panel.getByRole('button', { name: 'Remove item 1' }).first().click();
    await panel.getByRole('button', { name: 'Add person' }).click();
    await panel.getByLabel('Name of person 1').fill('Trần Hồng Quang');
    await panel.getByLabel('Role of person 1').fill('Director of Foreign Affairs');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Hoa Binh widens its foreign ties', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Approve brief' }).click();
    await panel.locator('.head .state').getByText('Approved').waitFor();
    const approved = await api<{ content: { keyPoints: Array<{ text: string }>; people: Array<{ name: string }> } }>(`/api/articles/${article.id}/brief`);
    expect(approved.content.keyPoints.map((k) => k.text)).toEqual(['Commitments kept', 'Memoranda with two Lao provinces']);
    expect(approved.content.people.map((p) => p.name)).toEqual(['Trần Hồng Quang']);

    await panel.getByRole('button', { name: 'Regenerate' }).click();
    await panel.locator('p.headline').getByText('Generated headline 2', { exact: true }).waitFor({ timeout: 20_000 });
    await panel.locator('.head .state').getByText('Draft').waitFor();
    await panel.getByText('History (2 versions)').click();
    const old = panel.locator('.history li').nth(1);
    expect(await old.textContent()).toContain('Hoa Binh widens its foreign ties');
    await old.getByRole('button', { name: 'Compare' }).click();
    expect((await panel.locator('.compare del').allTextContents()).join(' ')).toContain('widens its foreign ties');
    expect((await panel.locator('.compare ins').allTextContents()).join(' ')).toContain('Generated headline 2');
    await old.getByRole('button', { name: 'Restore' }).click();
    await panel.locator('p.headline').getByText('Hoa Binh widens its foreign ties', { exact: true }).waitFor();
    const { versions } = await api<{ versions: Array<{ status: string; headline: string }> }>(`/api/articles/${article.id}/brief/versions`);
    expect(versions.map((v) => [v.status, v.headline])).toEqual([
      ['draft', 'Hoa Binh widens its foreign ties'],
      ['draft', 'Generated headline 2'],
      ['approved', 'Hoa Binh widens its foreign ties'],
    ]);
  });

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
