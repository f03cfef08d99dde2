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
});
