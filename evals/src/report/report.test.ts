import { describe, expect, it } from 'vitest';
import type { TranslationRun } from '../runner/run-translation.ts';
import type { ItemResult } from '../runner/types.ts';
import { corpusBleu } from '../scorers/bleu.ts';
import { CHRF_PP, corpusChrf } from '../scorers/chrf.ts';
import { buildReport, holm, type Comparison } from './build-report.ts';
import { escapeHtml, jsonForScript, renderReportHtml } from './report-html.ts';

// real lines from the Hoa Binh foreign-affairs article
const SOURCES = [
  'Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế.',
  'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.',
  'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.',
];
const REFS = [
  'In 2020, Hoa Binh province welcomed 15 international delegations.',
  'Total foreign investment reached USD 790.84 million.',
  'Foreign affairs work helped promote the image of the province.',
];
const EVIL = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>';

function item(i: number, hypothesis: string, extra: Partial<ItemResult> = {}): ItemResult {
  return {
    id: `s${i + 1}`, repeat: 0, source: SOURCES[i]!, reference: REFS[i], hypothesis, scores: {}, qa: {},
    tokensIn: 10, tokensOut: 5, latencyMs: 100 + i, cached: false, ...extra,
  };
}

function run(prompt: string, hyps: string[], errors: Record<number, string> = {}): TranslationRun {
  return {
    prompt, model: 'm', repeat: 0,
    fingerprint: { promptHash: `hash-${prompt}`, model: 'm', params: {} },
    items: hyps.map((h, i) => (errors[i] ? item(i, '', { error: { code: 'ERR_MODEL_FAILED', message: errors[i]! } }) : item(i, h))),
  };
}

const A = run('translate@v1', ['In 2020 Hoa Binh got 15 groups.', 'Foreign capital was 790,84 million.', EVIL]);
const B = run('translate@v2', [REFS[0]!, REFS[1]!, 'x'], { 2: `model said ${EVIL}` });
const scoresOf = (hyps: string[], refs: string[]) => ({
  bleu: corpusBleu(hyps, [refs]).score,
  chrf: corpusChrf(hyps, [refs]).score,
  chrfpp: corpusChrf(hyps, [refs], CHRF_PP).score,
});
const meta = { datasetFile: 'smoke.jsonl', datasetItems: 3, concurrency: 2, repeat: 1 };

describe('buildReport', () => {
  const report = buildReport([A, B], meta);

  it('scores each run over every item, a failed one as an empty line, exactly as the scorers do', () => {
    expect(report.runs[0]!.metrics.bleu).toBe(corpusBleu(A.items.map((i) => i.hypothesis), [REFS]).score);
    expect(report.runs[1]!.metrics.chrfpp).toBe(corpusChrf([REFS[0]!, REFS[1]!, ''], [REFS], CHRF_PP).score);
    expect(report.runs[1]!.metrics.bleu).toBe(corpusBleu([REFS[0]!, REFS[1]!, ''], [REFS]).score);
    expect(report.runs[1]!.metrics.chrfpp).toBeLessThan(100);
    expect(report.runs.map((r) => [r.label, r.metrics.scored, r.metrics.failed])).toEqual([
      ['translate@v1 · m', 3, 0],
      ['translate@v2 · m', 3, 1],
    ]);
    expect(report.runs[0]!.metrics.latencyMsP50).toBe(101);
  });

  it('pairs the comparison on every item, and names no winner on three items', () => {
    expect(report.comparisons.map((c) => [c.metric, c.n, c.baseline, c.system])).toEqual([
      ['bleu', 3, 'translate@v1 · m', 'translate@v2 · m'],
      ['chrfpp', 3, 'translate@v1 · m', 'translate@v2 · m'],
    ]);
    expect(report.comparisons.every((c) => !c.significant)).toBe(true);
    expect(report.best?.label).toBe('translate@v2 · m');
    expect(report.winner).toBeNull();
  });

  it('shows the items every configuration answered as a separate, labelled table', () => {
    expect(report.answeredByAll).toEqual({
      items: 2,
      runs: [
        { label: 'translate@v1 · m', ...scoresOf(A.items.slice(0, 2).map((i) => i.hypothesis), REFS.slice(0, 2)) },
        { label: 'translate@v2 · m', ...scoresOf(REFS.slice(0, 2), REFS.slice(0, 2)) },
      ],
    });
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(buildReport([A, B], meta));

  it('never lets report text become markup', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script/g)).toHaveLength(2); // the data block and the page script, nothing else
    expect(html).toContain('\\u003cimg src=x onerror=');
  });

  it('is self-contained: no external request', () => {
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
  });

  it('shows no winner without significance, the failures beside the scores and the confidence intervals', () => {
    expect(html).not.toContain('badge win');
    expect(html).toContain('<strong>No significant difference</strong>: the highest chrF++ is translate@v2 · m');
    expect(html).toContain('<span class="bad" title="failed items, scored as empty translations">1 failed</span>');
    expect(html).toContain('<span class="ci">± ');
    expect(html).toContain('Paired comparisons');
    expect(html).toContain('Scored on the 2 items every configuration answered');
  });

  it.each([
    { s: `a<b>&"'`, out: 'a&lt;b&gt;&amp;&quot;&#39;' },
    { s: 'Hòa Bình', out: 'Hòa Bình' },
  ])('escapeHtml($s)', ({ s, out }) => expect(escapeHtml(s)).toBe(out));

  it('jsonForScript round-trips and cannot close the script element', () => {
    const v = { t: '</script><!-- \u2028 & >' };
    const s = jsonForScript(v);
    expect(s).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(s)).toEqual(v);
  });
});

describe('holm', () => {
  const c = (system: string, pValue: number, metric: Comparison['metric'] = 'chrfpp'): Comparison => ({
    metric, baseline: 'a', system, n: 10, delta: 1, deltaMean: 1, ciLow: 0, ciHigh: 2, pValue, pHolm: pValue, significant: pValue <= 0.05,
  });

  it('multiplies the k-th smallest of m p-values by m - k + 1, keeps them monotone, per metric', () => {
    const out = holm([c('b', 0.04), c('c', 0.01), c('d', 0.03), c('b', 0.04, 'bleu')]);
    expect(out.map((x) => [x.system, x.metric, x.pHolm, x.significant])).toEqual([
      ['b', 'chrfpp', 0.06, false],
      ['c', 'chrfpp', 0.03, true],
      ['d', 'chrfpp', 0.06, false],
      ['b', 'bleu', 0.04, true],
    ]);
  });
});
