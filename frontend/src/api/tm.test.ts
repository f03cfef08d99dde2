import { afterEach, describe, expect, it } from 'vitest';
import { setFetch } from './http.ts';
import { lookupTm } from './tm.ts';
import { json, SOURCES, stubFetch } from '../test/fixtures.ts';

let restore: ReturnType<typeof setFetch> | null = null;
afterEach(() => {
  if (restore) setFetch(restore);
  restore = null;
});

const match = { id: 'tm_1', source: SOURCES[0]!, target: 'A Yamanashi (Japan) delegation held talks.', score: 1, exact: true, createdBy: 'lan', updatedAt: '2026-11-27T06:00:00.000Z' };

describe('lookupTm', () => {
  it('sends the source URL-encoded and returns the matches', async () => {
    const stub = stubFetch([() => json({ matches: [match] })]);
    restore = setFetch(stub.fn);
    expect(await lookupTm(SOURCES[0]!)).toEqual([match]);
    const url = new URL(stub.calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/tm/lookup');
    expect([...url.searchParams]).toEqual([['source', SOURCES[0]]]);
  });

  it('passes threshold and limit when given', async () => {
    const stub = stubFetch([() => json({ matches: [] })]);
    restore = setFetch(stub.fn);
    expect(await lookupTm('Sở Ngoại vụ', { threshold: 0.5, limit: 3 })).toEqual([]);
    expect(stub.calls[0]!.url).toBe('/api/tm/lookup?source=S%E1%BB%9F+Ngo%E1%BA%A1i+v%E1%BB%A5&threshold=0.5&limit=3');
  });

  it('throws the server refusal', async () => {
    restore = setFetch(stubFetch([() => json({ error: { code: 'ERR_VALIDATION', message: 'querystring/source must NOT have fewer than 1 characters' } }, 400)]).fn);
    await expect(lookupTm('')).rejects.toMatchObject({ status: 400, code: 'ERR_VALIDATION' });
  });
});
