import { describe, expect, it } from 'vitest';
import { bootstrapInterval, chrfMetric, pairedBootstrap } from './paired-bootstrap.ts';

const refs = ['Hoa Binh province welcomed 15 delegations.', 'Investment reached USD 790.84 million.', 'The office promoted friendship.'];
const hyps = ['Hoa Binh welcomed 15 groups.', 'Investment was 790.84 million USD.', 'The office promoted friendship.'];

describe('bootstrapInterval', () => {
  it('equals the system interval of a paired test with the same seed', () => {
    const m = chrfMetric();
    const stats = hyps.map((h, i) => m.segmentStats(h, [refs[i]!]));
    const base = refs.map((r) => m.segmentStats(r, [r]));
    const { mean, low, high, ci } = pairedBootstrap(base, stats, m, { seed: 3 }).system;
    expect(bootstrapInterval(stats, m, { seed: 3 })).toEqual({ mean, low, high, ci });
    expect(low).toBeLessThan(high);
  });
});
