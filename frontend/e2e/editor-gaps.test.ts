/**
 * The editor's last gaps in Chromium: the memory filter counts segments the memory matches before any row is opened,
 * an approval that filled identical segments can be undone from the toast, a row that stops matching the filter
 * stays with a refresh hint, and a refused final export lists the segments that block it, each a link.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translationMemoryFor } from '../../backend/src/services/translation-memory.ts';
import { importViaApi, startStack, type Stack } from './harness.ts';

const LAOS = 'Biên bản ghi nhớ với 2 tỉnh Luông Phabang và Hủa Phăn được thực hiện hiệu quả, góp phần tăng cường quan hệ hữu nghị.';
const LAOS_EN = 'The memoranda of understanding with the two provinces of Luang Prabang and Houaphanh have been implemented effectively, strengthening friendly relations.';
const MEMBERS = 'Hội hữu nghị Việt - Thái có 350 hội viên.';
const MEMBERS_EN = 'The Vietnam-Thailand Friendship Association has 350 members.';

let s: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  s = await startStack();
  ({ page, errors } = await s.newPage());
  await translationMemoryFor(s.deps).recordApproved({ source: LAOS, translation: LAOS_EN, editor: 'lan', articleId: 'art_old' });
});
afterAll(async () => {
  await s?.close();
});

describe('the editor in Chromium: memory filter, propagation undo, live filters, final export', () => {
  it('does a working pass over an article with repeated paragraphs', async () => {
    const article = await importViaApi(s.baseUrl, `Hội hữu nghị\n\n${MEMBERS}\n\n${MEMBERS}\n\n${MEMBERS}\n\n${LAOS.replace('2 tỉnh', '3 tỉnh')}`);
    await page.goto(`${s.baseUrl}/articles/${article.id}`);
    const rows = page.locator('wb-segment-row');
    await rows.nth(4).waitFor();
    const bar = page.locator('wb-filter-bar');

    // The memory filter knows the fuzzy match of segment 5 before any row was focused.
    await bar.getByText('Memory match (1)').waitFor();
    await bar.locator('#memory').check();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByText('3 tỉnh', { exact: false }).waitFor();
    await bar.locator('#memory').uncheck();
    await expect.poll(() => rows.count()).toBe(5);

    // Only untranslated rows; approving segment 2 fills 3 and 4: the three stay, with a hint to refresh.
    await bar.locator('#state').selectOption('untranslated');
    await expect.poll(() => rows.count()).toBe(5);
    await rows.nth(1).locator('textarea').fill(MEMBERS_EN);
    await rows.nth(1).locator('textarea').press('Control+Enter');
    const toast = page.locator('wb-propagation-toast');
    await toast.getByText('Filled 2 identical segments').waitFor();
    await expect.poll(() => rows.nth(2).locator('textarea').inputValue()).toBe(MEMBERS_EN);
    await expect.poll(() => rows.nth(3).locator('textarea').inputValue()).toBe(MEMBERS_EN);
    const hint = page.locator('[data-action="refilter"]');
    await hint.getByText('3 rows no longer match the filter – refresh').waitFor();
    expect(await rows.count()).toBe(5);

    // Undo: the filled rows are empty again (through the live events); segment 2 stays approved.
    await toast.locator('[data-action="undo-propagation"]').click();
    await toast.getByText('Restored 2 segments').waitFor();
    await expect.poll(() => rows.nth(2).locator('textarea').inputValue()).toBe('');
    await expect.poll(() => rows.nth(3).locator('textarea').inputValue()).toBe('');
    await hint.getByText('1 rows no longer match the filter – refresh').waitFor();
    await hint.click();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.locator('[data-action="refilter"]').count()).toBe(0);
    await bar.locator('#state').selectOption('');
    await expect.poll(() => rows.count()).toBe(5);

    // A final export is refused with the list of unapproved segments; a link goes to the segment.
    const menu = page.locator('wb-export-menu');
    await menu.locator('summary').click();
    await menu.locator('[data-final="translation-docx"]').click();
    const refusal = menu.locator('[data-refusal="not-final"]');
    await refusal.getByText('Not exported: 4 segments are not approved yet').waitFor();
    expect(await refusal.locator('button').allTextContents()).toEqual(['Segment 1', 'Segment 3', 'Segment 4', 'Segment 5']);
    await refusal.getByRole('button', { name: 'Segment 5' }).click();
    await expect.poll(() => rows.nth(4).evaluate((row) => row.shadowRoot?.activeElement?.tagName ?? document.activeElement?.tagName)).toBe('TEXTAREA');
  });

  it('lists the QA errors that block a final export, then downloads it once they are gone', async () => {
    const article = await importViaApi(s.baseUrl, `Hội hữu nghị\n\n${MEMBERS}`);
    const approve = async (id: string, translation: string, extra: object = {}) => {
      const seg = (await (await fetch(`${s.baseUrl}/api/articles/${article.id}`)).json()).segments.find((x: { id: string }) => x.id === id);
      const res = await fetch(`${s.baseUrl}/api/segments/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', origin: s.baseUrl }, body: JSON.stringify({ translation, status: 'approved', version: seg.version, ...extra }) });
      expect(res.status).toBe(200);
    };
    const [title, body] = article.segments;
    await approve(title!.id, 'Friendship association');
    // The wrong figure comes back approved from a CAT tool: an XLIFF import does not pass the editor's gate (an
    // error a reviewer let stand with a reason in the editor is not asked about again at the final export).
    await approve(body!.id, MEMBERS_EN.replace('350', '530'), { status: 'edited' });
    const xlf = await (await fetch(`${s.baseUrl}/api/articles/${article.id}/xliff?version=2.0`)).text();
    expect(xlf.match(/state="reviewed"/g)).toHaveLength(1);
    const form = new FormData();
    form.append('file', new Blob([xlf.replace('state="reviewed"', 'state="final"')], { type: 'application/xml' }), 'reviewed.xlf');
    const imported = await fetch(`${s.baseUrl}/api/articles/${article.id}/xliff`, { method: 'POST', body: form, headers: { origin: s.baseUrl } });
    expect(await imported.json()).toMatchObject({ updated: [body!.id] });
    await page.goto(`${s.baseUrl}/articles/${article.id}`);
    const menu = page.locator('wb-export-menu');
    await menu.locator('summary').click();
    await menu.locator('[data-final="translation-docx"]').click();
    const refusal = menu.locator('[data-refusal="qa"]');
    await refusal.getByText('Not exported: 1 QA errors remain').waitFor();
    expect(await refusal.locator('li').allTextContents()).toEqual(['Segment 2: Number changed – "350" became "530"']);

    await approve(body!.id, MEMBERS_EN);
    // Every segment is approved now; there is no brief yet, and the menu says so.
    await menu.locator('[data-final="translation-docx"]').click();
    await menu.locator('[data-refusal="not-final"]').getByText('cannot be exported as final yet: it has no brief', { exact: false }).waitFor();
    const content = { headline: 'Friendship association', summary: 'The association has 350 members.', keyPoints: [], people: [], organisations: [], places: [], figures: [], length: 'standard' };
    const now = new Date().toISOString();
    await s.deps.store.briefs.insert({ id: 'brf_gaps', article_id: article.id, job_id: null, run_id: null, length: 'standard', content_json: JSON.stringify(content), approved: 0, version: 1, created_at: now, updated_at: now, error: null, qa_override: null, restored_from: null });
    const brief = await fetch(`${s.baseUrl}/api/articles/${article.id}/brief`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: s.baseUrl }, body: JSON.stringify({ content, approved: true, version: 1 }) });
    expect(brief.status).toBe(200);
    const download = page.waitForEvent('download');
    await menu.locator('[data-final="translation-docx"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    expect(await menu.locator('[data-refusal]').count()).toBe(0);
  });

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
