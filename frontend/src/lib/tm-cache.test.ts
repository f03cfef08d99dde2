import { describe, expect, it } from 'vitest';
import type { TmMatch } from '../api/tm.ts';
import { SOURCES } from '../test/fixtures.ts';
import { TmCache } from './tm-cache.ts';

const match: TmMatch = { id: 'tm_1', source: SOURCES[0]!, target: 'A Yamanashi (Japan) delegation held talks.', score: 1, exact: true, createdBy: 'lan', updatedAt: '2026-11-27T06:00:00.000Z' };

describe('TmCache', () => {
  it('looks a segment up once, even when focused again before the answer', async () => {
    const asked: string[] = [];
    const cache = new TmCache(async (source) => (asked.push(source), [match]));
    expect(cache.peek('s1')).toBeUndefined();
    const [a, b] = await Promise.all([cache.get('s1', SOURCES[0]!), cache.get('s1', SOURCES[0]!)]);
    expect(await cache.get('s1', SOURCES[0]!)).toEqual([match]);
    expect([a, b, cache.peek('s1')]).toEqual([[match], [match], [match]]);
    expect(asked).toEqual([SOURCES[0]]);
  });

  it('does not keep a failed lookup, and forgets on request', async () => {
    let fail = true;
    let calls = 0;
    const cache = new TmCache(async () => {
      calls++;
      if (fail) throw new Error('The server cannot be reached. Check that it is running.');
      return [];
    });
    await expect(cache.get('s2', SOURCES[1]!)).rejects.toThrow('The server cannot be reached');
    expect(cache.peek('s2')).toBeUndefined();
    fail = false;
    expect(await cache.get('s2', SOURCES[1]!)).toEqual([]);
    cache.forget('s2');
    expect(cache.peek('s2')).toBeUndefined();
    await cache.get('s2', SOURCES[1]!);
    cache.clear();
    expect(cache.peek('s2')).toBeUndefined();
    await cache.get('s2', SOURCES[1]!);
    expect(calls).toBe(4);
  });
});
