import { describe, expect, it } from 'vitest';
import { getEval, listEvals } from './evals.ts';
import { json, stubFetch, useStub } from '../test/fixtures.ts';

const item = {
  id: 'eval_1',
  kind: 'translation',
  dataset: 'evals/datasets/smoke-20.jsonl',
  items: 20,
  prompts: ['translate@v1', 'translate@v2'],
  models: ['m'],
  runs: [],
  winner: 'translate@v2 · m',
  createdAt: '2026-11-27T07:00:00.000Z',
  name: 'smoke-20.jsonl · translate@v1 vs translate@v2',
  scores: { 'translate@v1 · m chrF++': 51.2, 'translate@v2 · m chrF++': 60.3 },
};

describe('evals api', () => {
  it('lists the saved runs from {evals}', async () => {
    const stub = stubFetch([(url) => (url === '/api/evals' ? json({ evals: [item] }) : undefined)]);
    useStub(stub);
    expect(await listEvals()).toEqual([item]);
    expect(stub.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/evals']);
  });

  it('gets one run with its report, the id URL-encoded', async () => {
    const detail = { ...item, id: 'eval a/1', report: { runs: [], comparisons: [] } };
    const stub = stubFetch([(url) => (url === '/api/evals/eval%20a%2F1' ? json(detail) : undefined)]);
    useStub(stub);
    expect(await getEval('eval a/1')).toEqual(detail);
  });

  it('throws a 404 for an unknown run (the list reads it as empty, the run does not)', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_NOT_FOUND', message: 'Eval run eval_x does not exist' } }, 404)]));
    await expect(getEval('eval_x')).rejects.toMatchObject({ status: 404, code: 'ERR_NOT_FOUND', message: 'Eval run eval_x does not exist' });
    expect(await listEvals()).toEqual([]);
  });

  it('passes other list errors through', async () => {
    useStub(stubFetch([() => json({ error: { code: 'ERR_INTERNAL', message: 'boom' } }, 500)]));
    await expect(listEvals()).rejects.toMatchObject({ status: 500, code: 'ERR_INTERNAL' });
  });
});
