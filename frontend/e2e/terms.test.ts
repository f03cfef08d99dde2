/**
 * The termbase page and the translation memory in the editor, in Chromium against the real API and the scripted
 * model server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceOf, translatorScript } from '../../backend/test/helpers/scripted-model-server.ts';
import { importViaApi, SCREENSHOTS, startStack, type Stack } from './harness.ts';

let s: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  s = await startStack();
  s.model.setScript(translatorScript);
  ({ page, errors } = await s.newPage());
});
afterAll(async () => {
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${s.baseUrl}${url}`, init);
  return (await res.json()) as T;
}

type ApiTerm = { id: string; vi: string; en: string; forbidden: string[]; validFrom?: string; domain?: string; note?: string };
const terms = async () => (await api<{ terms: ApiTerm[] }>('/api/terms')).terms;
const VI = 'Hội Hữu nghị Việt Nam – Nhật Bản tỉnh Hòa Bình';
const EN = 'Hoa Binh Vietnam–Japan Friendship Association';

describe('the termbase page', () => {
  it('opens from the navigation with the starter terms', async () => {
    await page.goto(s.baseUrl);
    await page.getByRole('link', { name: 'Termbase' }).click();
    await page.waitForURL(/\/terms$/);
    const total = (await terms()).length;
    await page.getByText(`${total} of ${total} terms`).waitFor();
    expect(await page.locator('wb-terms-view tbody tr').count()).toBe(total);
  });

  it('adds a term through the form and lists it', async () => {
    await page.getByRole('button', { name: 'Add term' }).click();
    const dialog = page.locator('wb-term-dialog dialog');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByLabel('Vietnamese term').fill(VI);
    await dialog.getByLabel('English term').fill(EN);
    await dialog.getByLabel('Forbidden English variants').fill('Hoa Binh Vietnam-Japan Friendship Society\nVietnam Japan Friendship Association of Hoa Binh');
    await dialog.getByLabel('Valid from').fill('2016-01-01');
    await dialog.getByLabel('Domain').fill('organisation');
    await shot('20-term-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Saved “${VI}”.`).waitFor();
    const saved = (await terms()).find((x) => x.vi === VI);
    expect(saved).toEqual({ id: saved!.id, vi: VI, en: EN, caseSensitive: false, validFrom: '2016-01-01', domain: 'organisation',
      forbidden: ['Hoa Binh Vietnam-Japan Friendship Society', 'Vietnam Japan Friendship Association of Hoa Binh'] });
    // Old tone placement ("Hoà") finds the new term.
    await page.getByLabel('Search terms').fill('hữu nghị việt nam – nhật bản tỉnh hoà bình');
    await expect.poll(() => page.locator('wb-terms-view tbody td.vi').allTextContents()).toEqual([VI]);
    await shot('21-terms');
  });

  it('keeps the form open with the server message when the term already exists', async () => {
    await page.getByRole('button', { name: 'Add term' }).click();
    const dialog = page.locator('wb-term-dialog dialog');
    await dialog.getByLabel('Vietnamese term').fill(VI);
    await dialog.getByLabel('English term').fill(EN);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/^The termbase already has "Hội Hữu nghị/);
    expect(await dialog.getByLabel('Vietnamese term').inputValue()).toBe(VI);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('exports CSV and TBX containing the new term', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('termbase.csv');
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    // The UTF-8 BOM makes Excel open the file as UTF-8.
    expect(text.split('\n')[0]).toMatch(/^\uFEFFvi,en,abbr,note,forbidden/);
    expect(text).toContain(`\n${VI},${EN},,,Hoa Binh Vietnam-Japan Friendship Society | Vietnam Japan Friendship Association of Hoa Binh,,2016-01-01,,organisation,term-`);
    const [tbx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export TBX' }).click()]);
    expect(fs.readFileSync((await tbx.path())!, 'utf8')).toContain(`<term>${VI}</term>`);
  });

  it('edits and deletes the term', async () => {
    await page.getByRole('button', { name: `Edit ${VI}` }).click();
    const dialog = page.locator('wb-term-dialog dialog');
    expect(await dialog.getByLabel('English term').inputValue()).toBe(EN);
    await dialog.getByLabel('Note').fill('Founded 2016.');
    await dialog.getByLabel('Domain').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await terms()).find((x) => x.vi === VI)).toMatchObject({ note: 'Founded 2016.', en: EN });
    expect((await terms()).find((x) => x.vi === VI)!.domain).toBeUndefined();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Delete ${VI}` }).click();
    await page.getByText(`Deleted “${VI}”.`).waitFor();
    expect((await terms()).some((x) => x.vi === VI)).toBe(false);
  });

  it('imports a CSV file and reports a bad one', async () => {
    await page.getByLabel('Search terms').fill('');
    const before = (await terms()).length;
    await page.locator('#term-file').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from('vi,en\nSở Tư pháp tỉnh Hòa Bình,Hoa Binh Department of Justice\n') });
    await page.getByText('Imported from CSV: 1 new, 0 changed, 0 unchanged, 0 not imported.').waitFor();
    expect((await terms()).length).toBe(before + 1);
    // Excel "Unicode Text": UTF-16 with tabs; the row without English is listed with its line.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('vi\ten\r\nSở Tài chính tỉnh Hòa Bình\tHoa Binh Department of Finance\r\nChỉ thị\t\r\n', 'utf16le')]);
    await page.locator('#term-file').setInputFiles({ name: 'terms.txt', mimeType: 'text/plain', buffer: utf16 });
    await page.getByText('Imported from CSV: 1 new, 0 changed, 0 unchanged, 1 not imported.').waitFor();
    expect(await page.locator('wb-terms-view ul.skipped li').allTextContents()).toEqual(['line 3: no English (en) term']);
    expect((await terms()).length).toBe(before + 2);
    await page.locator('#term-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('vi,en\nChỉ thị,\n') });
    await expect.poll(() => page.locator('wb-terms-view [role="alert"]').textContent()).toMatch(/^Error: No term found in the CSV file/);
    expect((await terms()).length).toBe(before + 2);
    expect(errors).toEqual([]);
  });
});

const P1 = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.';
const P2 = '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.';
const P2b = '3 năm qua, trong tỉnh thu hút được 17 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.';
const T1 = 'A delegation from Yamanashi (Japan) held talks on cooperation and investment opportunities in the province.';
const T2 = 'Over the past 3 years, the province attracted 16 FDI projects with a total investment of USD 272.303 million.';
const FILLER = 'Thực hiện công tác đối ngoại Đảng, các cấp, ngành đã triển khai có hiệu quả Kế hoạch thông tin đối ngoại của tỉnh.';

describe('translation memory in the editor', () => {
  const row = (i: number) => page.locator('wb-segment-row').nth(i);
  const lookups: string[] = [];

  async function openArticle(text: string): Promise<string[]> {
    const a = await importViaApi(s.baseUrl, text, 'Hòa Bình đối ngoại');
    await page.goto(`${s.baseUrl}/articles/${a.id}`);
    await row(a.segments.length - 1).waitFor();
    return a.segments.map((x) => x.source);
  }

  it('approves two segments in a first article', async () => {
    const sources = await openArticle([FILLER, P1, P2].join('\n\n'));
    for (const [src, en] of [[P1, T1], [P2, T2]] as const) {
      const r = row(sources.indexOf(src));
      await r.locator('textarea').fill(en);
      await r.getByRole('button', { name: 'Approve' }).click();
      await expect.poll(() => r.locator('.status').textContent()).toBe('approved');
    }
  });

  it('shows the exact and the fuzzy match for a second article, looking up only focused rows', async () => {
    page.on('request', (r) => r.url().includes('/api/tm/lookup') && lookups.push(new URL(r.url()).searchParams.get('source')!));
    const sources = await openArticle([FILLER, P1, P2b].join('\n\n'));
    expect(lookups).toEqual([]);
    const exact = row(sources.indexOf(P1));
    await exact.locator('textarea').focus();
    const matches = exact.locator('wb-tm-matches li');
    await expect.poll(() => matches.locator('.pct').allTextContents()).toEqual(['100%']);
    expect(await matches.locator('span[lang="en"]').textContent()).toBe(T1);
    await shot('22-memory-match');
    await exact.getByRole('button', { name: 'Use the 100% memory match in the edit' }).click();
    await expect.poll(() => exact.locator('textarea').inputValue()).toBe(T1);
    const fuzzy = row(sources.indexOf(P2b));
    await fuzzy.locator('textarea').focus();
    await expect.poll(() => fuzzy.locator('wb-tm-matches span[lang="en"]').allTextContents()).toEqual([T2]);
    const pct = Number((await fuzzy.locator('wb-tm-matches .pct').textContent())!.replace('%', ''));
    expect(pct).toBeGreaterThanOrEqual(75);
    expect(pct).toBeLessThan(100);
    // Leaving a row hides its matches; coming back uses the cache.
    expect(await exact.locator('wb-tm-matches').count()).toBe(0);
    await exact.locator('textarea').focus();
    await expect.poll(() => exact.locator('wb-tm-matches .pct').allTextContents()).toEqual(['100%']);
    expect(lookups).toEqual([P1, P2b]);
  });

  it('translates a third copy with the memory filling the exact match and marking it', async () => {
    const sources = await openArticle([FILLER, P1].join('\n\n'));
    s.model.reset();
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    const r = row(sources.indexOf(P1));
    await expect.poll(() => r.locator('.origin-memory').textContent(), { timeout: 20_000 }).toBe('from memory');
    await expect.poll(() => r.locator('textarea').inputValue()).toBe(T1);
    await expect.poll(() => row(sources.indexOf(FILLER)).locator('.mt').textContent(), { timeout: 20_000 }).not.toBe('Not translated yet');
    expect(s.model.requests.map((q) => sourceOf(q.body))).not.toContain(P1);
    await shot('23-from-memory');
    expect(errors).toEqual([]);
  });
});

describe('the termbase page in Vietnamese', () => {
  it('shows its labels in Vietnamese', async () => {
    await page.goto(`${s.baseUrl}/terms`);
    await page.getByRole('button', { name: 'Switch the interface to Vietnamese' }).click();
    await page.getByRole('heading', { name: 'Bảng thuật ngữ' }).waitFor();
    expect(await page.getByRole('button', { name: 'Thêm thuật ngữ' }).count()).toBe(1);
    expect(await page.getByLabel('Tìm thuật ngữ').getAttribute('placeholder')).toBe('Tiếng Việt hoặc tiếng Anh');
    await shot('24-terms-vi');
    expect(errors).toEqual([]);
  });
});
