import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNumbers } from './numbers.ts';

interface Case { id: string; kind: 'right' | 'changed' | 'swapped'; vi: string; en: string; want: string[] }
const cases: Case[] = JSON.parse(readFileSync(new URL('../../test/fixtures/ntrex/numbers-heldout.json', import.meta.url), 'utf8'));

describe('checkNumbers on held-out NTREX pairs', () => {
  it('has both right and corrupted pairs', () => {
    expect(cases.filter((c) => c.kind === 'right').length).toBe(34);
    expect(cases.filter((c) => c.kind === 'changed').length).toBe(26);
    expect(cases.filter((c) => c.kind === 'swapped').length).toBe(4);
  });

  it.each(cases.map((c) => ({ ...c, name: `${c.id} ${c.kind}` })))('$name', ({ vi, en, want }) => {
    expect(checkNumbers(vi, en).filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(want);
  });
});
