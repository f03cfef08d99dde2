/**
 * The paired bootstrap against sacreBLEU 2.6.0's `_paired_bs_test` (fixtures/make-paired.py): numpy's draws
 * reproduced, the same scores, the same bootstrap means and intervals (sacreBLEU sums in float32, hence 1e-4),
 * and the same p-values, for a large and a small difference.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numpyChoice } from './numpy-rng.ts';
import { bleuMetric, chrfMetric, pairedBootstrap } from './paired-bootstrap.ts';

interface Side {
  score: number;
  mean: number;
  ci: number;
}
const fx: {
  system: string[];
  references: string[];
  indices: number[];
  cases: { case: string; metric: 'bleu' | 'chrfpp'; baselineHyps: string[]; baseline: Side; system: Side; p_value: number }[];
} = JSON.parse(readFileSync(new URL('./fixtures/paired_bs_vectors.json', import.meta.url), 'utf8'));

const metrics = { bleu: bleuMetric(), chrfpp: chrfMetric() };
const indices = Uint32Array.from(fx.indices);

describe('paired bootstrap vs sacreBLEU 2.6.0', () => {
  it.each(fx.cases.map((c) => ({ ...c, name: `${c.case} difference, ${c.metric}` })))('$name', (c) => {
    const m = metrics[c.metric];
    const stats = (hyps: string[]) => hyps.map((h, i) => m.segmentStats(h, [fx.references[i]!]));
    const r = pairedBootstrap(stats(c.baselineHyps), stats(fx.system), m, { indices });
    expect(r.baseline.score).toBeCloseTo(c.baseline.score, 9);
    expect(r.system.score).toBeCloseTo(c.system.score, 9);
    expect(r.baseline.mean).toBeCloseTo(c.baseline.mean, 4);
    expect(r.baseline.ci).toBeCloseTo(c.baseline.ci, 4);
    expect(r.system.mean).toBeCloseTo(c.system.mean, 4);
    expect(r.system.ci).toBeCloseTo(c.system.ci, 4);
    expect(r.pValue).toBe(c.p_value);
    // the default draws are numpy's with sacreBLEU's seed: the same test without replayed indices
    expect(pairedBootstrap(stats(c.baselineHyps), stats(fx.system), m)).toEqual(r);
  });

  it('numpyChoice reproduces numpy default_rng(12345).choice(30, (1000, 30))', () => {
    expect(Array.from(numpyChoice(12345, 30, 30_000))).toEqual(fx.indices);
  });
});
