import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, unzip } from '../../backend/src/services/export-unzip.ts';
import { sourceOf, translatorScript, type Script } from '../../backend/test/helpers/scripted-model-server.ts';
import { importViaApi, SAMPLE, SCREENSHOTS, startStack, type Stack } from './harness.ts';

let s: Stack;
let page: Page;
let errors: string[];
let articleId = '';

/** Brief requests (and their repair) show the article as `[s1] ...` lines; the rest are translations. `failOn` makes a source fail. */
function modelScript(failOn: string | null): Script {
  return (req, ctx) => {
    if (ctx.userText.includes('[s1]')) {
      return {
        json: {
          headline: 'Hoa Binh steps up foreign affairs', summary: 'The province carried out Resolution 12-NQ/TU and drew foreign investment.',
          keyPoints: [
            { text: 'Resolution 12-NQ/TU set the course for foreign affairs.', segmentIds: ['s1'] },
            { text: 'A delegation from Yamanashi visited.', segmentIds: ['s2', 's3'] },
            { text: 'The province attracted 16 FDI projects.', segmentIds: ['s10'] },
          ],
          people: [{ name: 'Trần Hồng Quang', role: 'Director of the Department of Foreign Affairs' }], organisations: ['World Vision'], places: ['Hoa Binh'],
          figures: [{ value: '16', unit: 'projects', measure: 'FDI projects attracted in three years', segmentId: 's3' }],
        },
      };
    }
    if (failOn && sourceOf(req).includes(failOn)) return { status: 400, body: { error: { message: 'scripted refusal', type: 'invalid_request_error' } } };
    return translatorScript(req, ctx);
  };
}

const CAPTION = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc';

type ApiSegment = { id: string; source: string; machineTranslation: string | null; translation: string | null; status: string; version: number };
const segments = async () => (await api<{ segments: ApiSegment[] }>(`/api/articles/${articleId}`)).segments;

beforeAll(async () => {
  s = await startStack();
  s.model.setScript(modelScript(CAPTION));
  s.model.setLatency(150);
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
  it('imports the sample through the dialog, listing the cut boilerplate', async () => {
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
    // Restore the first cut paragraph: the saved article keeps it.
    await cut.first().check();
    const restored = (await page.locator('wb-import-dialog .removed label').first().locator('span[lang="vi"]').textContent())!;
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/articles\/[^/]+$/);
    articleId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await row(0).waitFor();
    const article = await api<{ segments: Array<{ source: string }> }>(`/api/articles/${articleId}`);
    expect(article.segments.some((x) => x.source.includes(restored.trim()))).toBe(true);
    expect(await page.locator('wb-segment-row').count()).toBe(article.segments.length);
    await expect.poll(() => row(1).locator('.src').textContent()).toBe(article.segments[1]!.source);
    await shot('03-editor-imported');
  });

  it('translates with live progress; rows fill in and the failed one shows its error', async () => {
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 20_000 }).toMatch(/^[1-9]/);
    await shot('04-translating');
    await bar.waitFor({ state: 'hidden', timeout: 30_000 });
    const segs = await segments();
    const failedIdx = segs.findIndex((x) => x.source.includes(CAPTION));
    expect(segs.filter((x) => x.status === 'translated')).toHaveLength(segs.length - 1);
    expect(segs[failedIdx]!.status).toBe('failed');
    await expect.poll(() => row(0).locator('.mt').textContent()).toBe(segs[0]!.machineTranslation);
    expect(await row(0).locator('textarea').inputValue()).toBe(segs[0]!.machineTranslation);
    await expect.poll(() => row(failedIdx).locator('.failed').textContent()).toMatch(/^Translation failed: .+Retry$/s);
    await shot('05-translated');
  });

  it('retries the failed segment', async () => {
    s.model.setScript(modelScript(null));
    const failedIdx = (await segments()).findIndex((x) => x.source.includes(CAPTION));
    await row(failedIdx).getByRole('button', { name: 'Retry' }).click();
    await expect.poll(async () => (await segments())[failedIdx]!.status, { timeout: 20_000 }).toBe('translated');
    await expect.poll(() => row(failedIdx).locator('.mt').textContent(), { timeout: 10_000 }).toBe((await segments())[failedIdx]!.machineTranslation);
  });

  it('saves an edit typed into the page through the API', async () => {
    const typed = 'In early 2017 the Provincial Party Standing Committee issued Resolution 12-NQ/TU on foreign affairs.';
    const box = row(0).locator('textarea');
    await box.fill('');
    await box.click();
    await box.pressSequentially(typed, { delay: 2 });
    await expect.poll(() => row(0).locator('.save').textContent(), { timeout: 10_000 }).toBe('Saved');
    const a = await api<{ segments: Array<{ translation: string | null; status: string; version: number }> }>(`/api/articles/${articleId}`);
    expect(a.segments[0]).toMatchObject({ translation: typed, status: 'edited' });
    await shot('06-edited');
  });

  it('approves with Ctrl+Enter and moves to the next unapproved segment', async () => {
    await row(0).locator('textarea').focus();
    // The short edit leaves QA errors (a date, an omission): the approval asks why, and the reason is kept.
    await page.keyboard.press('Control+Enter');
    const gate = page.locator('wb-qa-gate-dialog dialog');
    await gate.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await gate.locator('.issues li').count()).toBeGreaterThan(0);
    await gate.locator('#reason').fill('lead shortened on purpose for the web edition');
    await gate.getByRole('button', { name: 'Approve anyway' }).click();
    await gate.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api<{ segments: Array<{ status: string }> }>(`/api/articles/${articleId}`)).segments[0]!.status).toBe('approved');
    await expect.poll(() => row(1).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await expect.poll(() => row(0).locator('.status').textContent()).toBe('approved');
    const history = await api<{ edits: Array<{ qaOverride: string | null }> }>(`/api/segments/${(await segments())[0]!.id}/history`);
    expect(history.edits.at(-1)!.qaOverride).toBe('lead shortened on purpose for the web edition');
  });

  it('moves between rows with Alt+Down / Alt+Up and opens the help with ?', async () => {
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => row(2).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => row(1).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.locator('wb-editor-view .cols').click();
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await shot('07-help');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
  });

  it('shows the three versions when another client saved while this one was saving, and saves the merge on top', async () => {
    const article = await api<{ segments: Array<{ id: string; version: number }> }>(`/api/articles/${articleId}`);
    const target = article.segments[2]!;
    // This browser's save is slow: the colleague's lands first (a colleague saving earlier would simply show live).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/segments/*', async (route) => {
      if (route.request().method() === 'PATCH') await held;
      await route.continue();
    });
    const box = row(2).locator('textarea');
    await box.fill('');
    await box.pressSequentially('My own text.', { delay: 2 });
    const other = await fetch(`${s.baseUrl}/api/segments/${target.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ translation: 'Text saved by a colleague.', version: target.version, editor: 'colleague' }),
    });
    expect(other.status).toBe(200);
    release();
    const dialog = page.locator('wb-conflict-dialog dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await page.unroute('**/api/segments/*');
    await expect.poll(() => dialog.locator('.who').textContent()).toMatch(/^Saved by colleague, /);
    // Both rewrote the whole sentence: the overlap is named and the merge keeps this editor's wording there.
    expect(await dialog.locator('#merged').inputValue()).toBe('My own text.');
    expect(await dialog.locator('.overlaps li').count()).toBeGreaterThan(0);
    await shot('08-conflict');
    await dialog.locator('#merged').fill('Text saved by a colleague. My own text.');
    await dialog.getByRole('button', { name: 'Save merged text' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api<{ segments: Array<{ translation: string | null; version: number }> }>(`/api/articles/${articleId}`)).segments[2])
      .toMatchObject({ translation: 'Text saved by a colleague. My own text.', version: target.version + 2 });
    expect(await box.inputValue()).toBe('Text saved by a colleague. My own text.');
  });

  it('copies the MT into the edit with Ctrl+Shift+S and shows the diff with Ctrl+Shift+X', async () => {
    const mt = (await segments())[3]!.machineTranslation!;
    const box = row(3).locator('textarea');
    await box.fill('Something else entirely.');
    await page.keyboard.press('Control+Shift+S');
    await expect.poll(() => box.inputValue()).toBe(mt);
    await box.pressSequentially(' Added.', { delay: 2 });
    await page.keyboard.press('Control+Shift+X');
    await expect.poll(() => row(3).locator('.diff ins').allTextContents()).toEqual([' Added.']);
    await row(3).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => box.inputValue()).toBe(mt);
  });

  it('generates the brief and follows a key point to its segments', async () => {
    await page.getByRole('button', { name: 'Brief', exact: true }).click();
    await page.getByRole('button', { name: 'Generate brief' }).click();
    await page.getByText('Hoa Binh steps up foreign affairs', { exact: true }).waitFor({ timeout: 20_000 });
    const segs = await segments();
    await page.getByRole('button', { name: 'A delegation from Yamanashi visited.' }).click();
    await expect.poll(() => page.locator('wb-segment-row[linked]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual([segs[1]!.id, segs[2]!.id]);
    await expect.poll(() => row(1).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await shot('09-brief');
  });

  it('edits and approves the brief', async () => {
    const panel = page.locator('wb-brief-panel');
    await panel.getByRole('button', { name: 'Edit' }).click();
    await panel.getByLabel('Headline').fill('Hoa Binh deepens foreign relations');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Hoa Binh deepens foreign relations', { exact: true }).waitFor();
    // Machine drafts of the article still have QA errors: approving the brief asks why they may stay.
    page.once('dialog', (d) => void d.accept('figures checked against the print edition'));
    await panel.getByRole('button', { name: 'Approve brief' }).click();
    await panel.getByText('Approved', { exact: true }).waitFor();
    const brief = await api<{ approved: boolean; version: number; content: { headline: string } }>(`/api/articles/${articleId}/brief`);
    expect([brief.approved, brief.content.headline]).toEqual([true, 'Hoa Binh deepens foreign relations']);
    const md = await (await fetch(`${s.baseUrl}/api/articles/${articleId}/export?format=md&kind=brief`)).text();
    expect(md.split('\n')[0]).toBe('# Hoa Binh deepens foreign relations');
  });

  it('exports the translation as a valid .docx holding the edits', async () => {
    await page.getByText('Export ▾').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-export="translation-docx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/-translation\.docx$/);
    const file = fs.readFileSync((await download.path())!);
    const text = docxText(unzip(file).get('word/document.xml')!.toString('utf8'));
    const segs = await segments();
    expect(text).toContain('In early 2017 the Provincial Party Standing Committee issued Resolution 12-NQ/TU on foreign affairs.');
    expect(text).toContain('Text saved by a colleague. My own text.');
    expect(text).toContain(segs[4]!.translation!);
    await shot('10-export');
    await page.keyboard.press('Escape');
  });

  it('lists the article with its counts and filters by status', async () => {
    await page.getByRole('link', { name: '← Articles' }).click();
    const line = page.locator('wb-articles-view tbody tr');
    await expect.poll(() => line.count()).toBe(1);
    const [summary] = (await api<{ articles: Array<{ counts: Record<string, number> }> }>('/api/articles')).articles;
    const c = summary!.counts;
    expect([c.approved, c.failed]).toEqual([1, 0]);
    await expect.poll(() => line.locator('.counts').textContent()).toBe(`${c.approved} / ${c.edited} / ${c.flagged} / ${c.failed} (${c.total})`);
    await shot('12-articles');
    await page.getByLabel('Status').selectOption('approved');
    await page.getByText('No article matches the search.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Evaluation runs' }).waitFor();
    await shot('13-evals');
    await page.goBack();
    await line.first().waitFor();
  });

  it('switches the interface to Vietnamese and remembers it', async () => {
    await page.goto(`${s.baseUrl}/articles/${encodeURIComponent(articleId)}`);
    await row(0).waitFor();
    await page.getByRole('button', { name: 'Switch the interface to Vietnamese' }).click();
    await page.getByText('Nguồn tiếng Việt').waitFor();
    await page.reload();
    await page.getByText('Nguồn tiếng Việt').waitFor();
    await shot('11-editor-vi');
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Anh' }).click();
    await page.getByText('Vietnamese source').waitFor();
  });

  it('stops a running translation and keeps what was done', async () => {
    const other = await importViaApi(s.baseUrl, SAMPLE, 'Bài thứ hai');
    s.model.setLatency(1500);
    await page.goto(`${s.baseUrl}/articles/${encodeURIComponent(other.id)}`);
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByText('Translation stopped. Segments already translated are kept.').waitFor({ timeout: 15_000 });
    const jobs = await api<{ jobs: Array<{ status: string }> }>(`/api/articles/${other.id}/jobs`);
    expect(jobs.jobs[0]!.status).toBe('cancelled');
    s.model.setLatency(0);
  });

  it('joins a translation that is already running when the page opens', async () => {
    const other = await importViaApi(s.baseUrl, SAMPLE, 'Bài thứ ba');
    s.model.setLatency(400);
    const started = await fetch(`${s.baseUrl}/api/articles/${other.id}/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(started.status).toBe(202);
    await page.goto(`${s.baseUrl}/articles/${encodeURIComponent(other.id)}`);
    await page.getByRole('progressbar').waitFor({ timeout: 10_000 });
    await page.getByRole('progressbar').waitFor({ state: 'hidden', timeout: 30_000 });
    const segs = (await api<{ segments: ApiSegment[] }>(`/api/articles/${other.id}`)).segments;
    expect(segs.every((x) => x.status === 'translated')).toBe(true);
    await expect.poll(() => row(segs.length - 1).locator('.mt').textContent()).toBe(segs.at(-1)!.machineTranslation);
    s.model.setLatency(0);
  });

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});
