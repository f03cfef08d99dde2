import { describe, expect, it } from 'vitest';
import type { TranslationRun } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';
import { buildReport } from './build-report.ts';
import { StatisticsAhead } from './run-statistics.ts';

// references built from real NTREX-style sentences; hypotheses drop or swap words so every segment scores differently
const BASE = [
  'In 2020 Hoa Binh province welcomed 15 international delegations to visit and work.',
  'Total foreign investment reached USD 790.84 million across 24 projects.',
  'Foreign affairs work helped promote the image of the province and its people.',
  'The committee approved the programme for cooperation with partners in Laos.',
];
const N = 48;
const dataset = Array.from({ length: N }, (_, i) => ({
  id: `s${i}`,
  vi: `câu ${i}`,
  // every seventh item has no reference, every eleventh only whitespace: neither is scored
  en: i % 7 === 3 ? undefined : i % 11 === 5 ? '  ' : `${BASE[i % 4]} (${i})`,
}));

function hypothesis(ref: string, i: number, run: number): string {
  const words = ref.split(' ');
  return words.filter((_, k) => (k * (run + 2) + i) % 5 !== 0).join(' ');
}

function runOf(prompt: string, r: number): TranslationRun {
  const items: ItemResult[] = dataset.map((d, i) => {
    const reference = d.en?.trim() ? d.en : undefined;
    const failed = (i + r) % 13 === 0;
    return {
      id: d.id, repeat: 0, source: d.vi, reference, hypothesis: failed ? '' : hypothesis(d.en ?? BASE[0]!, i, r), scores: {}, qa: {},
      tokensIn: 10, tokensOut: 5, latencyMs: 100, cached: false,
      ...(failed ? { error: { code: 'ERR_MODEL_FAILED', message: 'scripted' } } : {}),
    };
  });
  return { prompt, model: 'm', repeat: 0, fingerprint: { promptHash: `h-${prompt}`, model: 'm', params: {} }, items };
}

const meta = { datasetFile: 'x.jsonl', datasetItems: N, concurrency: 4, repeat: 1 };
const withoutTime = <T extends { createdAt: string }>(r: T) => ({ ...r, createdAt: '' });

describe('StatisticsAhead', () => {
  it('builds, item by item in any order, the very intervals and paired tests buildReport computes at the end', () => {
    const plain = buildReport([runOf('translate@v1', 0), runOf('translate@v2', 1)], meta);

    const runs = [runOf('translate@v1', 0), runOf('translate@v2', 1)];
    const ahead = new StatisticsAhead(dataset, 2);
    const steps = ahead.steps();
    // items arrive out of order, some before the draws are made and the rest after
    const order = runs.flatMap((r, run) => r.items.map((item, position) => ({ run, position, item }))).sort((a, b) => ((a.position * 17 + a.run * 5) % 23) - ((b.position * 17 + b.run * 5) % 23));
    for (const { run, position, item } of order.slice(0, 30)) ahead.add(run, position, item);
    while (!steps.next().done);
    for (const { run, position, item } of order.slice(30)) ahead.add(run, position, item);
    expect(ahead.finish(runs)).toBe(2);

    const built = buildReport(runs, meta);
    expect(withoutTime(built)).toEqual(withoutTime(plain));
    expect(built.runs[0]!.metrics.chrfppInterval!.low).toBeLessThan(built.runs[0]!.metrics.chrfppInterval!.high);
    expect(built.comparisons.map((c) => c.metric)).toEqual(['bleu', 'chrfpp']);
  });

  it('leaves to buildReport a run whose final items are not the ones it was given', () => {
    const runs = [runOf('translate@v1', 0)];
    const ahead = new StatisticsAhead(dataset, 1);
    const steps = ahead.steps();
    while (!steps.next().done);
    runs[0]!.items.forEach((item, p) => ahead.add(0, p, p === 4 ? { ...item } : item));
    expect(ahead.finish(runs)).toBe(0);
  });
});
