import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.ts';

describe('MIGRATIONS', () => {
  it('lists every migration file in the folder, in name order', () => {
    const files = fs
      .readdirSync(import.meta.dirname)
      .filter((f) => /^\d{4}_[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(MIGRATIONS)).toEqual(files);
  });
});
