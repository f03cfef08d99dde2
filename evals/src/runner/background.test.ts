import { describe, expect, it } from 'vitest';
import { Background } from './background.ts';

describe('Background', () => {
  it('runs jobs in order, including jobs added by jobs and generator steps, and drain waits for all of them', async () => {
    const bg = new Background();
    const seen: string[] = [];
    bg.add(() => {
      seen.push('a');
      bg.add(() => seen.push('c'));
    });
    bg.add(() => seen.push('b'));
    bg.addSteps(
      (function* () {
        seen.push('s1');
        yield;
        seen.push('s2');
      })(),
    );
    expect(seen).toEqual([]); // nothing runs before the current turn is over
    await bg.drain();
    expect(seen).toEqual(['a', 'b', 's1', 'c', 's2']);
    await bg.drain(); // an idle queue drains at once
  });

  it('lets I/O in between slices: a timer due meanwhile fires before a long queue is done', async () => {
    const bg = new Background(1);
    let done = 0;
    let timerAt = -1;
    const spin = () => {
      const t = performance.now() + 0.5;
      while (performance.now() < t);
      done++;
    };
    for (let i = 0; i < 200; i++) bg.add(spin);
    setTimeout(() => (timerAt = done), 5);
    await bg.drain();
    expect(done).toBe(200);
    expect(timerAt).toBeGreaterThan(0);
    expect(timerAt).toBeLessThan(200);
  });

  it('drain rejects with the first failing job, after running the rest', async () => {
    const bg = new Background();
    let ran = false;
    bg.add(() => {
      throw new Error('first');
    });
    bg.add(() => {
      throw new Error('second');
    });
    bg.add(() => (ran = true));
    await expect(bg.drain()).rejects.toThrow('first');
    expect(ran).toBe(true);
  });
});
