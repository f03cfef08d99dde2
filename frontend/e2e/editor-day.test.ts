/**
 * The editor over a working day, in Chromium against the real API: filters and search on a 1,000-segment article,
 * find and replace with one undo, a colleague's save arriving live and a three-way merge between two browsers, a save
 * that waits out an outage, the XLIFF round trip from the Export menu, and the layout at 1024x768 and at 200% zoom.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArticle } from '../../backend/test/helpers/seed-article.ts';
import { importViaApi, SCREENSHOTS, startStack, type Stack } from './harness.ts';

let s: Stack;
let big = { articleId: '', segmentIds: [] as string[] };
const open: BrowserContext[] = [];

type ApiSegment = { id: string; translation: string | null; status: string; version: number };
async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${s.baseUrl}${url}`, init);
  return (await res.json()) as T;
}
const segmentsOf = async (id: string) => (await api<{ segments: ApiSegment[] }>(`/api/articles/${id}`)).segments;
const patch = (id: string, body: Record<string, unknown>) =>
  fetch(`${s.baseUrl}/api/segments/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function newPage(viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1): Promise<{ page: Page; errors: string[] }> {
  const context = await s.browser.newContext({ viewport, deviceScaleFactor, acceptDownloads: true });
  open.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => r.status() >= 500 && errors.push(`http ${r.status()}: ${r.url()}`));
  return { page, errors };
}

/** Open the editor and wait until its live event stream is subscribed. */
async function openEditor(page: Page, articleId: string): Promise<void> {
  await page.goto(`${s.baseUrl}/articles/${articleId}`);
  await page.locator('wb-editor-view[data-live]').waitFor({ timeout: 15_000 });
}

const rowByNumber = (page: Page, n: number) => page.locator('wb-segment-row').filter({ has: page.locator(`textarea[aria-label="English translation of segment ${n}"]`) });

/** 1,000 paragraphs of the sample in five states, some with a QA error, one about friendship to search for. */
async function seedBig(): Promise<void> {
  const lines = fs.readFileSync(path.resolve(import.meta.dirname, '../../backend/test/fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8')
    .split(/\n+/).map((l) => l.trim()).filter((l) => l.length > 40 && !l.includes('hữu nghị'));
  const paragraphs = Array.from({ length: 1000 }, (_, i) => (i === 641 ? 'Tỉnh củng cố quan hệ hữu nghị đặc biệt với các tỉnh Bắc Lào.' : `${lines[i % lines.length]!} (${i + 1})`));
  big = await seedArticle(s.deps.store, 'Một nghìn đoạn', paragraphs);
  const states = ['new', 'translated', 'edited', 'approved', 'failed'] as const;
  for (const [i, id] of big.segmentIds.entries()) {
    const status = states[i % 5]!;
    if (status === 'new') continue;
    const mt = status === 'failed' ? null : `Paragraph ${i + 1}: the province stepped up foreign affairs.`;
    const qa = i % 50 === 1 ? [{ code: 'NUMBER_MISMATCH', severity: 'error', message: 'A number of the source is missing' }] : [];
    await s.deps.store.segments.updateIfVersion(id, 1, {
      status, machine_translation: mt, translation: status === 'edited' ? `${mt} Edited.` : mt, origin: status === 'failed' ? null : i % 100 === 3 ? 'memory' : 'model',
      error: status === 'failed' ? 'scripted failure' : null, qa_json: JSON.stringify(qa),
    }, 'seed');
  }
}

beforeAll(async () => {
  s = await startStack();
  await seedBig();
});
afterAll(async () => {
  for (const c of open) await c.close();
  await s?.close();
});

describe('the editor for a working day', () => {
  it('filters a 1,000-segment article by state, QA, memory and diacritic-free search, with counts, and goes to a number with Ctrl+G', async () => {
    const { page, errors } = await newPage();
    await openEditor(page, big.articleId);
    const bar = page.locator('wb-filter-bar');
    await expect.poll(() => bar.locator('#state option').allTextContents()).toEqual([
      'All states (1000)', 'Untranslated (200)', 'Machine draft (200)', 'Edited (200)', 'Confirmed or approved (200)', 'Failed (200)',
    ]);
    await bar.locator('#state').selectOption('machine');
    await expect.poll(() => bar.locator('.showing').textContent()).toBe('Showing 200 of 1000');
    expect(await page.locator('wb-segment-row').first().getAttribute('data-status')).toBe('translated');
    await bar.locator('#qa').selectOption('error');
    // i % 50 === 1 is always a machine draft (i % 5 === 1): 20 of them.
    await expect.poll(() => bar.locator('.showing').textContent()).toBe('Showing 20 of 1000');
    expect(await bar.locator('#qa option[value="error"]').textContent()).toBe('With errors (20)');
    expect(await bar.locator('#qa option[value="check:NUMBER_MISMATCH"]').textContent()).toBe('Check NUMBER_MISMATCH (20)');
    await bar.getByRole('button', { name: 'Clear' }).click();
    await bar.locator('#memory').check();
    await expect.poll(() => bar.locator('.showing').textContent()).toBe('Showing 10 of 1000');
    await bar.getByRole('button', { name: 'Clear' }).click();
    await bar.locator('#search').fill('huu nghi');
    await expect.poll(() => bar.locator('.showing').textContent()).toBe('Showing 1 of 1000');
    expect(await page.locator('wb-segment-row .src').allTextContents()).toEqual(['Tỉnh củng cố quan hệ hữu nghị đặc biệt với các tỉnh Bắc Lào.']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-01-search.png') });
    await bar.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => bar.locator('.showing').textContent()).toBe('Showing 1000 of 1000');

    // Ctrl+G, a number, Enter: that segment's edit box has the caret, far below the rows drawn first.
    await page.locator('wb-editor-view .cols').click();
    await page.keyboard.press('Control+G');
    await expect.poll(() => page.evaluate(() => (document.querySelector('wb-app')!.shadowRoot!.querySelector('wb-editor-view')!.shadowRoot!
      .querySelector('wb-filter-bar')!.shadowRoot!.activeElement as HTMLElement | null)?.id)).toBe('goto');
    await page.keyboard.type('750');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowByNumber(page, 750).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    // Segment n is i = n - 1: QA errors sit on i % 50 === 1, so after 750 the next is 752.
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(() => rowByNumber(page, 752).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.keyboard.press('Alt+Shift+ArrowDown'); // 753 is edited (not approved)
    await expect.poll(() => rowByNumber(page, 753).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    await page.keyboard.press('Alt+Shift+ArrowDown'); // 754 is approved: skipped to 755 (failed)
    await expect.poll(() => rowByNumber(page, 755).evaluate((el) => el.matches(':focus-within'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('finds in the English column with whole-word and case options, replaces all, and undoes it in one step', async () => {
    const a = await importViaApi(s.baseUrl, 'Tỉnh Hòa Bình.\n\nTỉnh có nhiều tỉnh bạn.\n\nĐoàn công tác của tỉnh.');
    const texts = ['Hoa Binh province.', 'The Province has many provinces as friends.', 'The province delegation.'];
    for (const [i, seg] of a.segments.entries()) expect((await patch(seg.id, { version: seg.version, translation: texts[i] })).status).toBe(200);
    const { page, errors } = await newPage();
    await openEditor(page, a.id);
    await page.locator('wb-filter-bar').getByRole('button', { name: 'Find and replace' }).click();
    const find = page.locator('wb-find-replace');
    await find.locator('#find').fill('province');
    await expect.poll(() => find.locator('.summary').textContent()).toBe('4 hit(s) in 3 segment(s)');
    await find.locator('#word').check();
    await expect.poll(() => find.locator('.summary').textContent()).toBe('3 hit(s) in 3 segment(s)');
    await find.locator('#case').check();
    await expect.poll(() => find.locator('.summary').textContent()).toBe('2 hit(s) in 2 segment(s)');
    expect(await find.locator('.hits li').allTextContents()).toEqual(['1Hoa Binh province.', '3The province delegation.']);
    await find.locator('#replace').fill('region');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-02-find.png') });
    await find.getByRole('button', { name: 'Replace all' }).click();
    const want = ['Hoa Binh region.', 'The Province has many provinces as friends.', 'The region delegation.'];
    await expect.poll(async () => (await segmentsOf(a.id)).map((x) => x.translation), { timeout: 10_000 }).toEqual(want);
    await find.getByRole('button', { name: 'Undo replace all (2 segments)' }).click();
    await expect.poll(async () => (await segmentsOf(a.id)).map((x) => x.translation), { timeout: 10_000 }).toEqual(texts);
    expect(await rowByNumber(page, 3).locator('textarea').inputValue()).toBe('The province delegation.');
    expect(errors).toEqual([]);
  });

  it('shows a colleague\'s save live in a second browser, and merges both changes when their saves cross', async () => {
    const a = await importViaApi(s.baseUrl, 'Năm 2020, tỉnh đón 12 đoàn khách quốc tế.\n\nHai bên ký biên bản ghi nhớ.');
    const base = 'In 2020 the province welcomed 12 delegations.';
    expect((await patch(a.segments[0]!.id, { version: a.segments[0]!.version, translation: base })).status).toBe(200);
    const one = await newPage();
    const two = await newPage();
    await openEditor(one.page, a.id);
    await openEditor(two.page, a.id);
    // Live: what the first browser saves appears in the second without a reload.
    await rowByNumber(one.page, 2).locator('textarea').fill('The two sides signed a memorandum of understanding.');
    await expect.poll(() => rowByNumber(two.page, 2).locator('textarea').inputValue(), { timeout: 10_000 }).toBe('The two sides signed a memorandum of understanding.');
    await expect.poll(() => rowByNumber(two.page, 2).getAttribute('data-status')).toBe('edited');

    // Crossing saves: the second browser's save is held until the first one's has landed.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await two.page.route('**/api/segments/*', async (route) => {
      if (route.request().method() === 'PATCH') await held;
      await route.continue();
    });
    await rowByNumber(two.page, 1).locator('textarea').fill('In 2020 Hoa Binh province welcomed 12 delegations.');
    await rowByNumber(one.page, 1).locator('textarea').fill('In 2020 the province welcomed 12 international delegations.');
    await expect.poll(async () => (await segmentsOf(a.id))[0]!.translation, { timeout: 10_000 }).toBe('In 2020 the province welcomed 12 international delegations.');
    release();
    const dialog = two.page.locator('wb-conflict-dialog dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await two.page.unroute('**/api/segments/*');
    expect(await dialog.locator('.base').textContent()).toBe(base);
    await expect.poll(() => dialog.locator('.who').textContent()).toMatch(/^Saved by editor, .+ \(version 3\)$/);
    expect(await dialog.locator('#merged').inputValue()).toBe('In 2020 Hoa Binh province welcomed 12 international delegations.');
    await two.page.screenshot({ path: path.join(SCREENSHOTS, 'day-03-merge.png') });
    await dialog.getByRole('button', { name: 'Save merged text' }).click();
    await expect.poll(async () => (await segmentsOf(a.id))[0], { timeout: 10_000 }).toMatchObject({ translation: 'In 2020 Hoa Binh province welcomed 12 international delegations.', version: 4 });
    // ...and the first browser sees the merge live.
    await expect.poll(() => rowByNumber(one.page, 1).locator('textarea').inputValue(), { timeout: 10_000 }).toBe('In 2020 Hoa Binh province welcomed 12 international delegations.');
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it('keeps an edit made while the server is unreachable, says so on a banner, and saves it by itself when it is back', async () => {
    const a = await importViaApi(s.baseUrl, 'Tỉnh Hòa Bình tăng cường hợp tác quốc tế.');
    const { page } = await newPage();
    await openEditor(page, a.id);
    await page.route('**/api/segments/*', (route) => (route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue()));
    await rowByNumber(page, 1).locator('textarea').fill('Hoa Binh steps up international cooperation.');
    const banner = page.locator('wb-editor-view .unsaved');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/1 edit\(s\) not saved \(segment 1\): The server cannot be reached/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-04-offline.png') });
    expect((await segmentsOf(a.id))[0]!.translation).toBeNull();
    await page.unroute('**/api/segments/*');
    await expect.poll(async () => (await segmentsOf(a.id))[0]!.translation, { timeout: 15_000 }).toBe('Hoa Binh steps up international cooperation.');
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('asks for a reason when the QA gate blocks an approval, and sends it with the approval', async () => {
    const a = await importViaApi(s.baseUrl, 'Năm 2020, tỉnh đón 12 đoàn khách quốc tế.');
    expect((await patch(a.segments[0]!.id, { version: a.segments[0]!.version, translation: 'In 2020 the province welcomed ten delegations.' })).status).toBe(200);
    const { page, errors } = await newPage();
    await openEditor(page, a.id);
    const sent: Array<Record<string, unknown>> = [];
    page.on('request', (req) => {
      if (req.method() === 'PATCH' && req.url().includes('/api/segments/')) sent.push(req.postDataJSON() as Record<string, unknown>);
    });
    await rowByNumber(page, 1).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.locator('wb-qa-gate-dialog dialog');
    await dialog.waitFor({ state: 'visible' });
    // The server's gate: "12" of the source is not in the English, an error.
    expect((await dialog.locator('.issues li').allTextContents()).join(' ')).toContain('12');
    expect(await dialog.getByRole('button', { name: 'Approve anyway' }).isDisabled()).toBe(true);
    expect((await segmentsOf(a.id))[0]!.status).toBe('edited');
    await dialog.locator('#reason').fill('The source says 12 but the list names ten; checked with the author.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'day-06-qa-gate.png') });
    await dialog.getByRole('button', { name: 'Approve anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await segmentsOf(a.id))[0]!.status).toBe('approved');
    expect(sent.map((b) => Boolean(b.qaOverride))).toEqual([false, true]);
    expect(sent.at(-1)).toMatchObject({ status: 'approved', qaOverride: { reason: 'The source says 12 but the list names ten; checked with the author.' } });
    const history = await (await fetch(`${s.baseUrl}/api/segments/${a.segments[0]!.id}/history`)).json() as { edits: Array<{ qaOverride: string | null }> };
    expect(history.edits.at(-1)!.qaOverride).toBe('The source says 12 but the list names ten; checked with the author.');
    expect(errors).toEqual([]);
  });

  it('exports XLIFF from the Export menu and re-imports an edited file, which shows live in the row', async () => {
    const a = await importViaApi(s.baseUrl, 'Đoàn công tác thăm tỉnh Hủa Phăn.');
    const { page } = await newPage();
    await openEditor(page, a.id);
    await page.getByText('Export ▾').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-export="xliff-2.0"]').click()]);
    const xliff = fs.readFileSync((await download.path())!, 'utf8');
    expect(xliff).toContain('Đoàn công tác thăm tỉnh Hủa Phăn.');
    expect(await page.locator('a[data-export="tmx"]').getAttribute('href')).toBe('/api/tm/export');
    const edited = xliff.replace(/<target>[^<]*<\/target>|(<\/source>)/, (m, src) => (src ? `${src}<target>The delegation visited Houaphanh.</target>` : '<target>The delegation visited Houaphanh.</target>'));
    await page.locator('input[data-action="import-xliff"]').setInputFiles({ name: 'edited.xliff', mimeType: 'application/x-xliff+xml', buffer: Buffer.from(edited) });
    await expect.poll(() => page.locator('wb-export-menu .result p').first().textContent()).toBe('1 segments updated, 0 unchanged, 0 units ignored.');
    await expect.poll(() => rowByNumber(page, 1).locator('textarea').inputValue(), { timeout: 10_000 }).toBe('The delegation visited Houaphanh.');
  });

  it('keeps the three columns readable with the brief open at 1024x768 and at 200% zoom, and no page scrolls sideways', async () => {
    const a = await importViaApi(s.baseUrl, 'Tỉnh Hòa Bình đẩy mạnh công tác đối ngoại, thu hút đầu tư trực tiếp nước ngoài giai đoạn 2016 – 2020.');
    const widths = async (page: Page) => rowByNumber(page, 1).evaluate((el) => ['.src', '.mt', '.edit'].map((c) => Math.round(el.shadowRoot!.querySelector(c)!.getBoundingClientRect().width)));
    const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // 1024x768, and 200% zoom of a 1280x800 window (a 640x400 CSS viewport at two device pixels per CSS pixel).
    for (const [name, viewport, dpr, min] of [['1024', { width: 1024, height: 768 }, 1, 230], ['zoom200', { width: 640, height: 400 }, 2, 140]] as const) {
      const { page } = await newPage(viewport, dpr);
      await openEditor(page, a.id);
      await page.getByRole('button', { name: 'Brief', exact: true }).click();
      await page.locator('wb-editor-view aside').waitFor();
      // Nothing covers the filter bar's first control (the sticky column header once did at 200%).
      const covered = await page.locator('wb-filter-bar #state').evaluate((el) => {
        const r = el.getBoundingClientRect();
        let hit: Element | null = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        while (hit?.shadowRoot?.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) && hit.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) !== hit) hit = hit.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return hit === el ? '' : `${hit?.tagName}.${hit?.className} at ${JSON.stringify(r)}`;
      });
      expect(covered, name).toBe('');
      const w = await widths(page);
      for (const x of w) expect(x, `${name}: columns ${w.join(', ')} px`).toBeGreaterThanOrEqual(min);
      expect(await sideways(page)).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `day-05-layout-${name}.png`) });
      await page.getByRole('button', { name: 'Hide brief' }).click();
      await page.locator('wb-editor-view aside').waitFor({ state: 'detached' });
      for (const url of ['/', '/terms']) {
        await page.goto(`${s.baseUrl}${url}`);
        await page.locator('table').first().waitFor();
        expect(await sideways(page), `${name} ${url}`).toBe(0);
      }
    }
  });
});
