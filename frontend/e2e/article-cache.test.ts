/**
 * The editor's re-reads of an article revalidate in Chromium: the article read carries an ETag and
 * `Cache-Control: no-cache`, so the browser sends If-None-Match and an unchanged article costs a 304 with no body,
 * while a changed one is read again in full (never shown stale).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importViaApi, SAMPLE, startStack, type Stack } from './harness.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

it('reloading the editor revalidates the article with its ETag and shows an edit made meanwhile', async () => {
  const article = await importViaApi(stack.baseUrl, SAMPLE);
  const seen: { ifNoneMatch: string | undefined; status: number }[] = [];
  const etagNow = async () => (await fetch(`${stack.baseUrl}/api/articles/${article.id}`)).headers.get('etag');
  // Watch the article reads as the server answers them (fastify's own listener still serves them).
  const watch = (req: IncomingMessage, res: ServerResponse) => {
    // Only Chromium's reads: the test's own fetches (user agent "node") are not the editor's.
    if (req.method !== 'GET' || req.url !== `/api/articles/${article.id}` || !req.headers['user-agent']?.includes('Chrome')) return;
    res.on('finish', () => seen.push({ ifNoneMatch: req.headers['if-none-match'], status: res.statusCode }));
  };
  stack.app.server.on('request', watch);
  const { page, context, errors } = await stack.newPage();
  try {
    const row = (n: number) => page.locator('wb-segment-row').nth(n);
    await page.goto(`${stack.baseUrl}/articles/${article.id}`);
    await expect.poll(() => row(1).locator('.src').textContent()).toBe(article.segments[1]!.source);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({ ifNoneMatch: undefined, status: 200 });
    const etag = await etagNow();
    expect(etag).toMatch(/^"[\w-]+"$/);
    seen.length = 0;

    await page.reload();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({ ifNoneMatch: etag, status: 304 });
    await expect.poll(() => row(1).locator('.src').textContent()).toBe(article.segments[1]!.source);

    const seg = article.segments[1]!;
    const patch = await fetch(`${stack.baseUrl}/api/segments/${seg.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ translation: 'The Yamanashi delegation studied investment in the province.', version: seg.version }),
    });
    expect(patch.status).toBe(200);
    await page.reload();
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ ifNoneMatch: etag, status: 200 });
    expect(await etagNow()).not.toBe(etag);
    await expect.poll(() => row(1).locator('textarea').inputValue()).toBe('The Yamanashi delegation studied investment in the province.');
    expect(errors).toEqual([]);
  } finally {
    stack.app.server.off('request', watch);
    await context.close();
  }
});
