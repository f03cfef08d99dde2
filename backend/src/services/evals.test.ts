import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as clearInsignificantWinners } from '../storage/migrations/0006_eval_trust.ts';
import type { OpenStore } from '../storage/index.ts';
import { createTestStore } from '../../test/helpers/test-store.ts';
import { evalRunsRepository } from '../storage/kysely/evals-repository.ts';
import { getEval, listEvals, saveEvalReport } from './evals.ts';

let dir: string;
let store: OpenStore;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'evals-svc-'));
  store = await createTestStore({ filename: path.join(dir, 'workbench.db') });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const report = (winner: unknown) => ({
  dataset: { file: 'smoke-20.jsonl', items: 20 },
  runs: [
    { label: 'translate@v1 · m', prompt: 'translate@v1', model: 'm', repeat: 0, metrics: { chrfpp: 98.93 } },
    { label: 'translate@v2 · m', prompt: 'translate@v2', model: 'm', repeat: 0, metrics: { chrfpp: 98.94 } },
  ],
  comparisons: [],
  winner,
});

describe('saved eval winners', () => {
  it('lists a winner only when the report says it is significant', async () => {
    const repo = evalRunsRepository(store.db);
    const sig = await saveEvalReport(repo, report({ label: 'translate@v2 · m', significant: true }));
    const notSig = await saveEvalReport(repo, report({ label: 'translate@v2 · m', significant: false }));
    const none = await saveEvalReport(repo, report(null));
    expect((await getEval(repo, sig)).winner).toBe('translate@v2 · m');
    expect((await getEval(repo, notSig)).winner).toBeNull();
    expect((await getEval(repo, none)).winner).toBeNull();
  });

  it('migration 0006 clears the listed winner of runs saved before, when their report says not significant', async () => {
    const repo = evalRunsRepository(store.db);
    const row = (id: string, significant: boolean) => ({
      id, kind: 'translation', dataset: 'old.jsonl', items: 20, prompts_json: '[]', models_json: '[]', summary_json: '[]',
      winner: 'translate@v2 · m', report_json: JSON.stringify(report({ label: 'translate@v2 · m', significant })), created_at: '2026-11-20T10:00:00.000Z',
    });
    await repo.insert(row('eval_old_ns', false));
    await repo.insert(row('eval_old_s', true));
    await clearInsignificantWinners(store.db as never);
    const byId = new Map((await listEvals(repo)).map((e) => [e.id, e.winner]));
    expect(byId.get('eval_old_ns')).toBeNull();
    expect(byId.get('eval_old_s')).toBe('translate@v2 · m');
    expect((await getEval(repo, 'eval_old_ns')).report).toMatchObject({ winner: { significant: false } });
  });
});
