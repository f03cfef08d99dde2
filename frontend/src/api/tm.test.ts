import { describe, expect, it } from 'vitest';
import { lookupTm } from './tm.ts';
import { json, SOURCES, stubFetch, useStub } from '../test/fixtures.ts';

const match = { id: 'tm_1', source: SOURCES[0]!, target: 'A Yamanashi (Japan) delegation held talks.', score: 1, exact: true, createdBy: 'lan', updatedAt: '2026-11-27T06:00:00.000Z' };

describe('lookupTm', () => {
  it('sends the source URL-encoded and returns the matches', async () => {
    const stub = stubFetch([() => json({ matches: [match] })]);
    useStub(stub);
    expect(await lookupTm(SOURCES[0]!)).toEqual([match]);
    const url = new URL(stub.calls[0]!.url, 'http://x');
    expect(url.pathname).toBe('/api/tm/lookup');
    expect([...url.searchParams]).toEqual([['source', SOURCES[0]]]);
  });

  it('passes threshold and limit when given', async () => {
    const stub = stubFetch([() => json({ matches: [] })]);
    useStub(stub);
    expect(await lookupTm('Sở Ngoại vụ', { threshold: 0.5, limit: 3 })).toEqual([]);
    expect(stub.calls[0]!.url).toBe('/api/tm/lookup?source=S%E1%BB%9F+Ngo%E1%BA%A1i+v%E1%BB%A5&threshold=0.5&limit=3');
  });

  it('throws the server refusal', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_VALIDATION', message: 'querystring/source must NOT have fewer than 1 characters' } }, 400)]));
    await expect(lookupTm('')).rejects.toMatchObject({ status: 400, code: 'ERR_VALIDATION' });
  });
});
