import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { saveEvalReport } from '../../services/evals.ts';
import { evalRunsRepository } from '../../storage/kysely/evals-repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const metrics = { chrfpp: 51.2, bleu: 24.1, failed: 1 };
const report = {
  dataset: { file: 'evals/datasets/smoke-20.jsonl', items: 20 },
  runs: [
    { label: 'translate@v1 · m', prompt: 'translate@v1', model: 'm', repeat: 0, metrics, items: [{ id: 'ntrex-1', hypothesis: 'x' }] },
    { label: 'translate@v2 · m', prompt: 'translate@v2', model: 'm', repeat: 0, metrics: { ...metrics, chrfpp: 60.3 }, items: [] },
  ],
  comparisons: [{ metric: 'chrfpp', delta: 9.1 }],
  winner: { label: 'translate@v2 · m', significant: true },
};

describe('evals routes', () => {
  let id: string;

  it('GET /api/evals lists saved runs, newest first, without their items', async () => {
    const repo = evalRunsRepository(t.deps.store.db);
    await saveEvalReport(repo, { ...report, dataset: { file: 'old.jsonl', items: 3 } }, new Date('2026-11-26T10:00:00Z'));
    id = await saveEvalReport(repo, report, new Date('2026-11-27T10:00:00Z'));
    const res = await t.app.inject({ method: 'GET', url: '/api/evals' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.evals.map((e: { dataset: string }) => e.dataset)).toEqual(['evals/datasets/smoke-20.jsonl', 'old.jsonl']);
    expect(body.evals[0]).toEqual({
      id,
      kind: 'translation',
      dataset: 'evals/datasets/smoke-20.jsonl',
      items: 20,
      prompts: ['translate@v1', 'translate@v2'],
      models: ['m'],
      runs: report.runs.map(({ items: _items, ...r }) => r),
      winner: 'translate@v2 · m',
      createdAt: '2026-11-27T10:00:00.000Z',
      name: 'smoke-20.jsonl · translate@v1 vs translate@v2',
      scores: { 'translate@v1 · m chrF++': 51.2, 'translate@v2 · m chrF++': 60.3 },
    });
  });

  it('GET /api/evals/:id returns the whole report', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/evals/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().report).toEqual(report);
  });

  it('GET /api/evals/:id answers 404 for an unknown run', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/evals/eval_nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ERR_NOT_FOUND', message: 'Eval run eval_nope does not exist' } });
  });

  it('refuses to save something that is not a report', async () => {
    await expect(saveEvalReport(evalRunsRepository(t.deps.store.db), { runs: [] })).rejects.toThrow(/Not an eval report: dataset/);
  });

  it('GET /api/eval-datasets/corrections answers JSONL, one approved correction a line', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/api/eval-datasets/corrections' });
    expect(empty.body).toBe('');
    const now = '2026-11-27T07:00:00.000Z';
    const vi = 'Tỉnh đã tiếp 15 đoàn khách quốc tế.';
    await t.deps.store.articles.create(
      { id: 'a1', title: 't', status: 'in_review', source_format: 'txt', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: now, updated_at: now },
      [{ id: 's1', article_id: 'a1', idx: 0, kind: 'body', source: vi, sentences_json: '[]', machine_translation: 'The province got 15 groups.', mt_run_id: null,
        translation: 'The province received 15 international delegations.', status: 'approved', origin: 'editor', error: null, qa_json: '[]', version: 2, updated_at: now, updated_by: 'lan' }],
    );
    const res = await t.app.inject({ method: 'GET', url: '/api/eval-datasets/corrections' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.body).toBe(`${JSON.stringify({ id: 's1', vi, en: 'The province received 15 international delegations.', mt: 'The province got 15 groups.', doc: 'a1' })}\n`);
  });
});
