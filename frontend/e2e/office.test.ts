/**
 * The office in Chromium: an admin creates a translator, a reviewer and a reader; the translator imports the sample,
 * translates (scripted model server) and confirms; the reviewer corrects one segment with an MQM annotation and
 * approves the rest and the brief; the quality report shows the annotation and the history both people; the reader
 * can export the final copy but not edit. Then the model's API key is looked for in the server log, every API answer
 * and the database files: it must be in none of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../backend/src/services/accounts.ts';
import { docxText, unzip } from '../../backend/src/services/export-unzip.ts';
import { translatorScript, type Script } from '../../backend/test/helpers/scripted-model-server.ts';
import { SAMPLE, SCREENSHOTS, startStack, type Stack } from './harness.ts';

const API_KEY = 'sk-office-e2e-9d41c7b2aa5e';
const ADMIN_PASSWORD = 'quản-trị-mật-khẩu-2026';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-office-'));
const logFile = path.join(tmp, 'server.log');

let s: Stack;
const answers: Promise<string>[] = [];
const passwords: Record<string, string> = {};
let articleId = '';

const briefScript: Script = (req, ctx) =>
  ctx.userText.includes('[s1]')
    ? { json: {
        headline: 'Hoa Binh steps up foreign affairs', summary: 'The province carried out Resolution 12-NQ/TU.',
        keyPoints: [1, 2, 3].map((n) => ({ text: `Key point ${n}.`, segmentIds: ['s1'] })),
        people: [], organisations: [], places: ['Hoa Binh'], figures: [],
      } }
    : translatorScript(req, ctx);

/** A signed-in page in its own browser context (its own cookies), recording every API answer for the secrets check. */
async function signedIn(name: string, password: string): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const p = await s.newPage();
  p.page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r.text().catch(() => ''));
  });
  await p.page.goto(s.baseUrl);
  await p.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await p.page.getByLabel('Name', { exact: true }).fill(name);
  await p.page.getByLabel('Password', { exact: true }).fill(password);
  await p.page.getByRole('button', { name: 'Sign in' }).click();
  await p.page.getByRole('heading', { name: 'Articles' }).waitFor();
  return p;
}

const row = (page: Page, n: number) => page.locator('wb-segment-row').nth(n);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

/**
 * Waits for row `i` to reach `status` after its Confirm/Approve click. When the server's QA gate refuses the move
 * (the scripted model's drafts leave QA errors), answers the gate dialog as a person would: a reason, then
 * "Approve anyway". Returns whether the gate asked.
 */
async function through(page: Page, i: number, status: string, reason: string): Promise<boolean> {
  const gate = page.locator('wb-qa-gate-dialog dialog');
  await expect.poll(async () => (await row(page, i).getAttribute('data-status')) === status || (await gate.isVisible()), { timeout: 10_000 }).toBe(true);
  const asked = await gate.isVisible();
  if (asked) {
    await gate.locator('#reason').fill(reason);
    await gate.getByRole('button', { name: 'Approve anyway' }).click();
    await gate.waitFor({ state: 'hidden' });
  }
  await expect.poll(() => row(page, i).getAttribute('data-status'), { timeout: 10_000 }).toBe(status);
  return asked;
}

async function segmentsOf(page: Page): Promise<Array<{ id: string; status: string; translation: string | null }>> {
  return (await page.context().request.get(`${s.baseUrl}/api/articles/${articleId}`).then((r) => r.json())).segments;
}

beforeAll(async () => {
  // no key from the environment: the admin types it into the Settings page
  s = await startStack({ env: { OPENAI_API_KEY: '' }, logFile });
  s.model.setScript(briefScript);
  // the first admin, as `npm run user -- add quản-trị --role admin` makes it
  await addUser(s.deps, 'quản-trị', 'admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the office workflow in Chromium', () => {
  it('an admin creates a translator, a reviewer and a reader', async () => {
    const { page, errors } = await signedIn('quản-trị', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Users' }).click();
    for (const [name, role] of [['Nguyễn Lan', 'translator'], ['Trần Minh', 'reviewer'], ['lãnh-đạo', 'reader']] as const) {
      const form = page.locator('wb-users-view form');
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.locator('select[name=role]').selectOption(role);
      await form.getByRole('button', { name: 'Add user' }).click();
      const secret = page.locator('wb-users-view .secret');
      await expect.poll(() => secret.textContent()).toContain(`Password for ${name}`);
      passwords[name] = (await secret.textContent())!.split(': ').pop()!.trim();
      await page.locator(`wb-users-view tr[data-user="${name}"]`).waitFor();
    }
    await shot(page, 'office-01-users');

    await page.getByRole('link', { name: 'Settings' }).click();
    const settings = page.locator('wb-settings-view');
    await settings.getByText('Set by the environment variable OPENAI_BASE_URL', { exact: false }).waitFor();
    await settings.getByLabel('API key (write-only)').fill(API_KEY);
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved: the next model call uses these settings.').waitFor();
    expect(await settings.getByLabel('API key (write-only)').getAttribute('placeholder')).toBe('a key is saved; type a new one to replace it');
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => settings.locator('.notice').textContent(), { timeout: 15_000 }).toMatch(/^scripted-model answered in \d+ ms$/);
    expect(s.model.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    await shot(page, 'office-01b-settings');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the translator imports the sample, translates and confirms every segment', async () => {
    const { page, errors } = await signedIn('Nguyễn Lan', passwords['Nguyễn Lan']!);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Import article' }).click();
    await page.getByLabel('Vietnamese text').fill(SAMPLE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/articles\/[^/]+$/);
    articleId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await expect.poll(async () => (await segmentsOf(page)).every((x) => x.status === 'translated'), { timeout: 30_000 }).toBe(true);
    const total = (await segmentsOf(page)).length;
    let gated = 0;
    // the model was called with the key saved from the Settings page
    expect(s.model.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    await expect.poll(() => page.locator('wb-segment-row').count(), { timeout: 10_000 }).toBe(total);
    for (let i = 0; i < total; i++) {
      await expect.poll(() => row(page, i).locator('textarea').inputValue(), { timeout: 10_000 }).not.toBe('');
      await row(page, i).getByRole('button', { name: 'Confirm' }).click();
      gated += Number(await through(page, i, 'confirmed', 'Checked against the source: the figures and names are right.'));
    }
    // the scripted drafts leave QA errors, so the gate asked at least once, and each reason is in the history
    expect(gated).toBeGreaterThan(0);
    // a translator has no Approve anywhere
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Brief', exact: true }).click();
    await page.getByRole('button', { name: 'Generate brief' }).click();
    await page.getByText('Hoa Binh steps up foreign affairs', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.locator('wb-brief-panel').getByRole('button', { name: 'Approve brief' }).count()).toBe(0);
    await shot(page, 'office-02-confirmed');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the reviewer corrects one segment with an annotation and approves the rest and the brief', async () => {
    const { page, errors } = await signedIn('Trần Minh', passwords['Trần Minh']!);
    await page.goto(`${s.baseUrl}/articles/${articleId}`);
    const total = (await segmentsOf(page)).length;
    await expect.poll(() => page.locator('wb-segment-row').count(), { timeout: 10_000 }).toBe(total);
    const box = row(page, 1).locator('textarea');
    await box.fill('Hoa Binh Province stepped up its foreign relations in 2016-2020.');
    // the server refuses the change without an annotation; the row asks for one
    const form = row(page, 1).locator('form.annotate');
    await form.waitFor({ timeout: 10_000 });
    await shot(page, 'office-03-annotate');
    await form.locator('select[name=category]').selectOption('names-titles');
    await form.locator('select[name=severity]').selectOption('major');
    await form.getByLabel('Note (optional)').fill('Tỉnh Hòa Bình is Hoa Binh Province');
    await form.getByRole('button', { name: 'Save with annotation' }).click();
    await expect.poll(() => row(page, 1).locator('.save').textContent(), { timeout: 10_000 }).toBe('Saved');
    for (let i = 0; i < total; i++) {
      await row(page, i).getByRole('button', { name: 'Approve', exact: true }).click();
      await through(page, i, 'approved', 'Reviewed: the QA finding does not apply to this sentence.');
    }
    await page.getByRole('button', { name: 'Brief', exact: true }).click();
    const panel = page.locator('wb-brief-panel');
    await panel.getByRole('button', { name: 'Approve brief' }).click();
    await panel.getByText('Approved', { exact: true }).waitFor();
    expect((await segmentsOf(page)).every((x) => x.status === 'approved')).toBe(true);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);

    await page.getByRole('link', { name: 'Quality report' }).click();
    await page.locator('wb-quality-view').waitFor();
    await page.locator('wb-quality-view table.annotations').waitFor();
    expect(await page.locator('wb-quality-view table.categories').textContent()).toContain('names-titles');
    expect(await page.locator('wb-quality-view table.annotations').textContent()).toContain('Tỉnh Hòa Bình is Hoa Binh Province');
    expect(await page.locator('wb-quality-view .score').textContent()).toMatch(/^MQM penalty per 1,000 source words: \d+\.\d$/);
    await shot(page, 'office-04-quality');

    await page.goto(`${s.baseUrl}/articles/${articleId}/history`);
    await page.locator('wb-audit-view td.who').first().waitFor();
    const who = new Set(await page.locator('wb-audit-view td.who').allTextContents());
    expect(who).toContain('Nguyễn Lan');
    expect(who).toContain('Trần Minh');
    await shot(page, 'office-05-history');
    await page.context().close();
  });

  it('a reader can export the final copy but not edit', async () => {
    const { page, context, errors } = await signedIn('lãnh-đạo', passwords['lãnh-đạo']!);
    expect(await page.getByRole('button', { name: 'Import article' }).count()).toBe(0);
    await page.locator(`wb-articles-view tr[data-id="${articleId}"] a`).click();
    await row(page, 0).waitFor();
    expect(await page.getByRole('button', { name: /^(Approve|Confirm)$/ }).count()).toBe(0);
    expect(await row(page, 0).locator('textarea').getAttribute('readonly')).not.toBeNull();
    const download = page.waitForEvent('download');
    await page.getByText('Export ▾').click();
    // a reader sees the documents and the final export, not the interchange files or the re-import
    expect(await page.locator('wb-export-menu [data-export="xliff-2.0"], wb-export-menu #xliff-file').count()).toBe(0);
    await page.locator('wb-export-menu [data-final="translation-docx"]').click();
    const file = await (await download).path();
    // the body and the page footer (where the sign-off is printed)
    const parts = unzip(fs.readFileSync(file!));
    const text = [...parts].filter(([name]) => /^word\/(document|footer\d*)\.xml$/.test(name)).map(([, xml]) => docxText(xml.toString('utf8'))).join('\n');
    expect(text).toContain('Hoa Binh Province stepped up its foreign relations in 2016-2020.');
    expect(text).toContain('Approved for release by Trần Minh; exported by lãnh-đạo.');
    const seg = (await segmentsOf(page))[0]!;
    const edit = await context.request.patch(`${s.baseUrl}/api/segments/${seg.id}`, { data: { version: 1, translation: 'changed by a reader' } });
    expect(edit.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the API key is in no server log line, API answer or database file', async () => {
    const bodies = await Promise.all(answers);
    expect(bodies.length).toBeGreaterThan(50);
    expect(bodies.filter((b) => b.includes(API_KEY))).toEqual([]);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    expect(log.includes(API_KEY)).toBe(false);
    const dbFiles = fs.readdirSync(path.dirname(s.deps.config.dataDir)).filter((f) => f.startsWith('e2e.db'));
    expect(dbFiles).toContain('e2e.db');
    for (const f of dbFiles) expect(fs.readFileSync(path.join(path.dirname(s.deps.config.dataDir), f)).includes(API_KEY)).toBe(false);
    // and the passwords are not in the database either (argon2 hashes only)
    const db = fs.readFileSync(path.join(path.dirname(s.deps.config.dataDir), 'e2e.db'));
    for (const p of [ADMIN_PASSWORD, ...Object.values(passwords)]) expect(db.includes(p)).toBe(false);
  });
});
