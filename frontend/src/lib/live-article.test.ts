import { afterEach, describe, expect, it, vi } from 'vitest';
import { seg } from '../test/fixtures.ts';
import { followArticle } from './live-article.ts';

afterEach(() => vi.useRealTimers());

describe('followArticle', () => {
  it('passes segments on, reconnects after a drop with back-off, and asks for one reload once it is back', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const segments: string[] = [];
    let opened = 0;
    const watch = vi.fn(async (_id: string, h: { onSegment: (s: ReturnType<typeof seg>) => void; onReady?: () => void }) => {
      opened++;
      calls.push(`open ${opened}`);
      if (opened === 2) throw new Error('server away'); // the first reconnect fails before it is ready
      h.onReady?.();
      h.onSegment(seg({ id: `s${opened}` }));
      if (opened === 3) return new Promise<void>(() => {}); // stays open
    });
    const live = followArticle('a1', {
      watch, onSegment: (s) => segments.push(s.id), onReconnect: () => calls.push('reload'), onReady: () => calls.push('ready'), onDrop: () => calls.push('drop'),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['open 1', 'ready', 'drop']);
    await vi.advanceTimersByTimeAsync(1999);
    expect(opened).toBe(1); // waits 2 s after a drop
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.slice(3)).toEqual(['open 2', 'drop']);
    await vi.advanceTimersByTimeAsync(4000); // then 4 s
    expect(calls.slice(5)).toEqual(['open 3', 'reload', 'ready']);
    expect(segments).toEqual(['s1', 's3']);
    live.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opened).toBe(3);
  });
});
