// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { json, stubFetch, useStub } from '../test/fixtures.ts';
import './wb-eval-run-view.ts';
afterEach(() => {
  document.body.innerHTML = '';
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const text = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

async function open(id: string, answer: () => Response) {
  useStub(stubFetch([(u) => (u === `/api/evals/${id}` ? answer() : undefined)]));
  const el = document.createElement('wb-eval-run-view');
  el.runId = id;
  document.body.append(el);
  expect(text(el, '[role=status]')).toEqual([]);
  await el.updateComplete;
  expect(text(el, '[role=status]')).toEqual(['Loading…']);
  await settle();
  await el.updateComplete;
  return el;
}

const detail = {
  id: 'eval_1', kind: 'translation', dataset: 'evals/datasets/smoke-20.jsonl', items: 0, prompts: ['translate@v1'], models: ['m'], runs: [],
  winner: null, createdAt: '2026-11-27T07:00:00.000Z', name: 'smoke-20.jsonl · translate@v1', scores: {},
  report: { dataset: { file: 'evals/datasets/smoke-20.jsonl', items: 0 }, runs: [{ label: 'translate@v1 · m', prompt: 'translate@v1', model: 'm', repeat: 0, metrics: { chrfpp: null }, items: [] }], comparisons: [], winner: null },
};

describe('<wb-eval-run-view>', () => {
  it('says there is no such run on a 404', async () => {
    const el = await open('eval_nope', () => json({ error: { code: 'ERR_NOT_FOUND', message: 'Eval run eval_nope does not exist' } }, 404));
    expect(text(el, '[role=alert]')).toEqual(['No such run: eval_nope.']);
  });

  it('shows other failures with the server message', async () => {
    const el = await open('eval_1', () => json({ error: { code: 'ERR_INTERNAL', message: 'disk full' } }, 500));
    expect(text(el, '[role=alert]')).toEqual(['Error: disk full']);
  });

  it('has an empty state for a report without items or a winner', async () => {
    const el = await open('eval_1', () => json(detail));
    expect(text(el, 'h1')).toEqual(['smoke-20.jsonl · translate@v1']);
    expect(text(el, '.verdict')).toEqual(['No configuration could be scored (no references or every item failed).']);
    expect(text(el, 'p.muted')).toContain('This report has no per-item results.');
    expect(el.shadowRoot!.querySelectorAll('wb-eval-item')).toHaveLength(0);
  });

  it('shows no Winner badge for a difference that is not significant, even in a report from before that rule', async () => {
    const run = (label: string, chrfpp: number) => ({ label, prompt: label.split(' ')[0], model: 'm', repeat: 0, metrics: { chrfpp, failed: 0 }, items: [] });
    const report = {
      dataset: { file: 'evals/datasets/smoke-20.jsonl', items: 990 },
      runs: [run('translate@v1 · m', 98.93), run('translate@v2 · m', 98.94)],
      comparisons: [{ metric: 'chrfpp', baseline: 'translate@v1 · m', system: 'translate@v2 · m', n: 990, delta: 0.01, ciLow: -0.01, ciHigh: 0.03, pValue: 0.09, significant: false }],
      winner: { label: 'translate@v2 · m', chrfpp: 98.94, significant: false },
    };
    const el = await open('eval_2', () => json({ ...detail, id: 'eval_2', report }));
    expect(text(el, '.verdict')).toEqual(['No significant difference: the highest chrF++ is translate@v2 · m (98.94), not significantly different from every other configuration.']);
    const summary = el.shadowRoot!.querySelector('wb-eval-summary')!;
    await (summary as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(summary.shadowRoot!.querySelectorAll('.badge.win, tr.winner')).toHaveLength(0);
    expect(text(summary, 'table.comparisons td:last-child')).toEqual(['no significant difference']);
  });

  it('shows the MQM judge penalty beside the scores, a judge that disagrees, and a rejected answer', async () => {
    const vi = 'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.';
    const item = (hypothesis: string, error?: { message: string; rawAnswer: string }) => ({ id: 'c1', repeat: 0, source: vi, reference: 'Total foreign investment reached USD 790.84 million.', hypothesis, scores: { chrfpp: 40 }, qa: {}, ...(error ? { error } : {}) });
    const report = {
      dataset: { file: 'corrections.jsonl', items: 1 },
      runs: [
        { label: 'translate@v1 · m', prompt: 'translate@v1', model: 'm', repeat: 0, metrics: { chrfpp: 40, failed: 1, mqm: { per1000: 2500, majorItems: 1, judged: 1, notJudged: 0 } }, items: [item('', { message: 'The model answer was not usable', rawAnswer: vi })] },
      ],
      comparisons: [],
      winner: null,
      judge: { prompt: 'judge@v1', model: 'm', agreement: { n: 6, pearson: 0.21, precision: 0.5, recall: 0.33, verdict: 'disagrees' } },
    };
    const el = await open('eval_3', () => json({ ...detail, id: 'eval_3', items: 1, report }));
    const summary = el.shadowRoot!.querySelector('wb-eval-summary')!;
    await (summary as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(text(summary, 'thead th')).toContain('MQM / 1,000 words (judge)');
    expect(text(summary, 'tbody td')).toContain('2500.0');
    expect(text(summary, 'p.bad')).toEqual(['The MQM judge disagrees with the reviewers on 6 annotated segments (r 0.21, major errors: precision 0.50, recall 0.33): read its scores with care.']);
    const row = el.shadowRoot!.querySelector('wb-eval-item')!;
    await (row as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(text(row, '.raw')).toEqual([`rejected answer: ${vi}`]);
  });
});
