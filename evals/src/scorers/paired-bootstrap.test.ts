import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleu } from './bleu.ts';
import { corpusChrf, CHRF_PP } from './chrf.ts';
import { bleuMetric, chrfMetric, deltaIntervalAt, deltaPValue, estimateInterval, mulberry32, pairedBootstrap } from './paired-bootstrap.ts';

// 80 real NTREX references with two degraded "systems" (from the cross-check fixture)
const fixture = JSON.parse(readFileSync(new URL('./fixtures/crosscheck_vectors.json', import.meta.url), 'utf8'));
const refs: string[] = fixture.corpora.ntrex80.references[0];
const good: string[] = fixture.corpora.ntrex80.hypotheses;
const bad = good.map((h, i) => (i % 2 === 0 ? h.split(' ').slice(0, 3).join(' ') : h));

const statsOf = (metric: ReturnType<typeof bleuMetric>, hyps: string[]) => hyps.map((h, i) => metric.segmentStats(h, [refs[i]!]));

describe('mulberry32', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = mulberry32(12345);
    const b = mulberry32(12345);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect(mulberry32(1)()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('estimateInterval', () => {
  it('takes the 1/40 tails of 1000 values as sacreBLEU does', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(estimateInterval(values)).toEqual({ mean: 499.5, low: 25, high: 974, ci: 474.5 });
  });
});

describe('pairedBootstrap', () => {
  it.each([
    { name: 'bleu', metric: bleuMetric() },
    { name: 'chrF++', metric: chrfMetric() },
  ])('$name: identical systems differ by exactly 0 with p = 1', ({ metric }) => {
    const s = statsOf(metric, good);
    const r = pairedBootstrap(s, s, metric);
    expect(r.delta).toBe(0);
    expect(r.deltaInterval).toEqual({ mean: 0, low: 0, high: 0, ci: 0 });
    expect(r.pValue).toBe(1);
    expect(r.samples).toBe(1000);
  });

  it('is deterministic: same seed, same result; another seed, other intervals', () => {
    const m = chrfMetric();
    const a = pairedBootstrap(statsOf(m, bad), statsOf(m, good), m);
    const b = pairedBootstrap(statsOf(m, bad), statsOf(m, good), m);
    expect(b).toEqual(a);
    const c = pairedBootstrap(statsOf(m, bad), statsOf(m, good), m, { seed: 7 });
    expect(c.deltaInterval.mean).not.toBe(a.deltaInterval.mean);
    expect(c.delta).toBe(a.delta);
  });

  it('recomputes corpus scores from per-segment statistics exactly', () => {
    const bm = bleuMetric();
    const cm = chrfMetric();
    const rb = pairedBootstrap(statsOf(bm, bad), statsOf(bm, good), bm);
    const rc = pairedBootstrap(statsOf(cm, bad), statsOf(cm, good), cm);
    expect(rb.baseline.score).toBe(corpusBleu(bad, [refs]).score);
    expect(rb.system.score).toBe(corpusBleu(good, [refs]).score);
    expect(rc.system.score).toBe(corpusChrf(good, [refs], CHRF_PP).score);
    expect(rc.delta).toBe(corpusChrf(good, [refs], CHRF_PP).score - corpusChrf(bad, [refs], CHRF_PP).score);
  });

  it('finds a large real difference significant, with an interval that excludes 0', () => {
    const m = chrfMetric();
    const r = pairedBootstrap(statsOf(m, bad), statsOf(m, good), m);
    expect(r.delta).toBeGreaterThan(10);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r.deltaInterval.low).toBeGreaterThan(0);
    expect(r.system.low).toBeLessThanOrEqual(r.system.score);
    expect(r.system.high).toBeGreaterThanOrEqual(r.system.score);
  });

  it('rejects unpaired inputs', () => {
    const m = bleuMetric();
    expect(() => pairedBootstrap(statsOf(m, good), statsOf(m, good).slice(1), m)).toThrow('same segments: 80 vs 79');
  });
});

describe('deltaPValue: the p-value and the interval of Δ from the same resamples', () => {
  // NTREX lines: the baseline translates each second half away, the system restores k of them
  const lines = readFileSync(new URL('../../datasets/ntrex128-vi-en-dev.jsonl', import.meta.url), 'utf8')
    .split('\n').filter(Boolean).slice(0, 60).map((l) => (JSON.parse(l) as { en: string }).en);
  const half = (s: string) => s.split(' ').slice(0, Math.ceil(s.split(' ').length / 2)).join(' ');
  const metric = chrfMetric();
  const stats = (hyps: string[]) => hyps.map((h, i) => metric.segmentStats(h, [lines[i]!]));
  const baseline = lines.map((r, i) => (i % 2 ? half(r) : r));
  const results = [0, 1, 2, 3, 4, 5, 6, 8, 10].map((k) => {
    let left = k;
    const system = baseline.map((h, i) => (i % 2 && left-- > 0 ? lines[i]! : h));
    return { k, r: pairedBootstrap(stats(baseline), stats(system), metric) };
  });

  it('agree on every pair, borderline ones included: p <= 0.05 exactly when the 95% interval excludes 0', () => {
    const borderline = results.filter(({ r }) => r.deltaPValue > 0.01 && r.deltaPValue < 0.2);
    expect(borderline.length).toBeGreaterThan(0);
    for (const { r } of results) {
      const excludes = r.deltaInterval.low > 0 || r.deltaInterval.high < 0;
      expect(r.deltaPValue <= 0.05).toBe(excludes);
    }
    // the borderline pairs here: k = 3 gives p = 0.074 with [0.000, 3.487], k = 4 gives p = 0.018 with [0.391, 4.565]
    expect(results.find((x) => x.k === 3)!.r.deltaPValue).toBeGreaterThan(0.05);
    expect(results.find((x) => x.k === 4)!.r.deltaPValue).toBeLessThanOrEqual(0.05);
  });

  it.each([
    { name: 'all positive', d: [1, 2, 3, 4], p: 0.25 },
    { name: 'one of four at or below 0', d: [0.5, 1.2, -0.1, 0.8], p: 0.5 },
    { name: 'no difference in any resample', d: [0, 0, 0], p: 1 },
    { name: 'even split', d: [-1, 1, -2, 2], p: 1 },
  ])('$name', ({ d, p }) => expect(deltaPValue(d)).toBe(p));

  it('matches the percentile interval at every level', () => {
    const d = Array.from({ length: 1000 }, (_, i) => Math.sin(i * 12.9898) * 3 + 0.9);
    for (const alpha of [0.01, 0.05, 0.1, 0.2, 0.5]) {
      const iv = deltaIntervalAt(d, alpha);
      expect(deltaPValue(d) <= alpha).toBe(iv.low > 0 || iv.high < 0);
    }
  });
});
