/**
 * XLIFF round trip in the browser: the editor's XLIFF menu downloads the file, and an edited file comes back through
 * it; an import that changes nothing says so and lists every ignored unit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorScript } from '../../backend/test/helpers/scripted-model-server.ts';
import { importViaApi, startStack, type Stack } from './harness.ts';

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

const P1 = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.';
const P2 = '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.';

describe('the XLIFF re-import in the editor\'s Export menu', () => {
  it('imports an edited file, shows what changed, and reloads the segment', async () => {
    const a = await importViaApi(s.baseUrl, [P1, P2].join('\n\n'), 'Hòa Bình đối ngoại');
    await page.goto(`${s.baseUrl}/articles/${a.id}`);
    await page.locator('wb-segment-row').nth(a.segments.length - 1).waitFor();
    await page.locator('wb-export-menu summary').click();
    const href = await page.locator('wb-export-menu a[data-export="xliff-1.2"]').getAttribute('href');
    const exported = await (await fetch(`${s.baseUrl}${href}`)).text();
    const p1 = a.segments.find((x) => x.source === P1)!;
    const edited = exported.replace(`<source xml:lang="vi">${P1}</source>`, `<source xml:lang="vi">${P1}</source>\n        <target xml:lang="en" state="translated">A Yamanashi <g id="1">(Japan)</g> delegation explored cooperation.</target>`);
    await page.locator('#xliff-file').setInputFiles({ name: 'edited.xlf', mimeType: 'application/xml', buffer: Buffer.from(edited) });
    await page.getByText(`1 segments updated, ${a.segments.length - 1} unchanged, 0 units ignored.`).waitFor();
    const row = page.locator('wb-segment-row').nth(a.segments.indexOf(p1));
    await expect.poll(() => row.locator('textarea').inputValue()).toBe('A Yamanashi (Japan) delegation explored cooperation.');
  });

  it('says when a file changed nothing and lists each ignored unit with its reason', async () => {
    const other = await importViaApi(s.baseUrl, 'Tỉnh Hòa Bình tiếp đoàn Lào.', 'Khác');
    const foreign = await (await fetch(`${s.baseUrl}/api/articles/${other.id}/xliff?version=2.0`)).text();
    await page.locator('#xliff-file').setInputFiles({ name: 'other.xliff', mimeType: 'application/xml', buffer: Buffer.from(foreign) });
    await page.locator('wb-export-menu .warning').waitFor();
    const n = other.segments.length;
    expect(await page.locator('wb-export-menu .warning').textContent()).toBe(`No segment changed: ${n} of ${n} units were ignored (${n} unknown-id) and 0 were the same as stored`);
    expect(await page.locator('wb-export-menu ul.ignored li').allTextContents()).toEqual(other.segments.map((x) => `Unit ${x.id} names no segment of article ${new URL(page.url()).pathname.split('/').pop()}: was the file exported from another article?`));
    expect(errors).toEqual([]);
  });
});
