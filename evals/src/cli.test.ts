/**
 * End to end: `runCli` on the 20-item smoke set through the product's real translation chain, LangChain and the
 * openai client, against the scripted OpenAI-compatible server on 127.0.0.1.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extractSource,
  fakeTranslate,
  messageText,
  startScriptedModelServer,
  type Script,
  type ScriptedModelServer,
} from '../../backend/test/helpers/scripted-model-server.ts';
import { getEval } from '../../backend/src/services/evals.ts';
import { storeLocation } from '../../backend/src/storage/db.ts';
import { evalRunsRepository } from '../../backend/src/storage/kysely/evals-repository.ts';
import { openStoreAt, testStoreEnv, type TestStoreEnv } from '../../backend/test/helpers/test-store.ts';
import { runCli } from './cli.ts';
import { loadTranslationDataset } from './datasets/load.ts';
import type { Report } from './report/build-report.ts';
import { corpusBleu } from './scorers/bleu.ts';
import { CHRF_PP, corpusChrf } from './scorers/chrf.ts';

const SMOKE = new URL('../datasets/smoke-20.jsonl', import.meta.url).pathname;
const items = await loadTranslationDataset(SMOKE);
const referenceOf = new Map(items.map((i) => [i.vi, i.en!]));
// the source the server will refuse (a 400 is not retried), as one bad segment in a real run
const POISON = items[4]!.vi;

let server: ScriptedModelServer;
let out: string;
let store: TestStoreEnv;
const silent = { write: () => true, isTTY: false };

/** v2 answers with the reference for two items in three, v1 with word salad: v2 should win clearly. */
function script(failPoison: boolean): Script {
  return (req, ctx) => {
    const source = extractSource(ctx.userText);
    if (failPoison && source === POISON) return { status: 400, body: { error: { message: 'scripted bad request', type: 'invalid_request_error' } } };
    const v2 = messageText(req.messages[0]).includes('foreign partners and embassies');
    const ref = referenceOf.get(source);
    const i = items.findIndex((it) => it.vi === source);
    return { content: v2 && ref && i % 3 !== 0 ? ref : fakeTranslate(source) };
  };
}

// DATA_DIR holds the model-run cache every run of this file shares
const env = () => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent', DATA_DIR: path.join(out, 'data'), ...store.env });
const args = () => ['--dataset', SMOKE, '--prompt', 'translate@v1', '--prompt', 'translate@v2', '--concurrency', '4', '--out', out];

beforeAll(async () => {
  server = await startScriptedModelServer({ script: script(true) });
  out = await mkdtemp(path.join(tmpdir(), 'evals-e2e-'));
  store = await testStoreEnv();
});
afterAll(async () => {
  await server.close();
  await store.drop();
  await rm(out, { recursive: true, force: true });
});

describe('npm run eval end to end', () => {
  let first: Report;

  it('writes both reports; the failing item is recorded, not fatal, and fails the gate', async () => {
    const lines: string[] = [];
    const r = await runCli(args(), { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    expect(r.exitCode).toBe(1);
    expect(lines.filter((l) => l.startsWith('eval: FAILED'))).toEqual(['eval: FAILED translate@v1 · scripted-mt: 1 of 20 items failed (--max-failures 0) (and 1 more failed check)\n']);
    first = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<!doctype html>');
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=["']http|href=["']http/i);

    expect(server.requests).toHaveLength(40);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(first.runs.map((x) => [x.prompt, x.model, x.items.length, x.metrics.failed, x.metrics.scored])).toEqual([
      ['translate@v1', 'scripted-mt', 20, 1, 20],
      ['translate@v2', 'scripted-mt', 20, 1, 20],
    ]);
    const failed = first.runs[0]!.items[4]!;
    expect(failed.id).toBe(items[4]!.id);
    expect(failed.error?.code).toBe('ERR_MODEL_FAILED');
    expect(failed.error?.message).toContain('scripted bad request');
    // every other answer came from a request that carried that item's source
    const v1 = first.runs[0]!.items.filter((i) => !i.error);
    expect(v1.every((i) => i.hypothesis === fakeTranslate(i.source))).toBe(true);
  });

  it('reports sacreBLEU corpus scores equal to rescoring every item, the failed one as an empty line', () => {
    for (const run of first.runs) {
      const hyps = run.items.map((i) => (i.error ? '' : i.hypothesis));
      const refs = run.items.map((i) => i.reference!);
      expect(hyps[4]).toBe('');
      expect(run.metrics.bleu).toBe(corpusBleu(hyps, [refs]).score);
      expect(run.metrics.chrfpp).toBe(corpusChrf(hyps, [refs], CHRF_PP).score);
      expect(run.metrics.chrf).toBe(corpusChrf(hyps, [refs]).score);
    }
  });

  it('compares the prompts with a paired bootstrap and marks the winner', () => {
    const pp = first.comparisons.find((c) => c.metric === 'chrfpp')!;
    expect(pp).toMatchObject({ baseline: 'translate@v1 · scripted-mt', system: 'translate@v2 · scripted-mt', n: 20, significant: true });
    expect(pp.delta).toBeGreaterThan(20);
    expect(pp.ciLow).toBeGreaterThan(0);
    expect(first.winner).toMatchObject({ label: 'translate@v2 · scripted-mt', significant: true });
  });

  it('a re-run calls the model only for the item that failed, then not at all', async () => {
    server.setScript(script(false));
    server.reset();
    const second = await runCli(args(), { env: env(), stderr: silent });
    expect(server.requests).toHaveLength(2);
    expect(second.report!.runs.map((r) => [r.metrics.failed, r.metrics.cached])).toEqual([[0, 19], [0, 19]]);

    server.reset();
    const third = await runCli(args(), { env: env(), stderr: silent });
    expect(server.requests).toHaveLength(0);
    expect(third.report!.runs.map((r) => r.metrics.cached)).toEqual([20, 20]);
    expect(third.report!.runs[1]!.metrics.chrfpp).toBe(second.report!.runs[1]!.metrics.chrfpp);
  });

  it('shows the model the termbase entries found in a segment, as the product does', async () => {
    // the first sentence of the Hoa Binh foreign-affairs article
    const vi = 'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại Đảng.';
    const file = path.join(out, 'hoabinh.jsonl');
    await writeFile(file, JSON.stringify({ id: 'hb-1', vi }) + '\n');
    server.reset();
    const r = await runCli(['--dataset', file, '--out', path.join(out, 'hb')], { env: env(), stderr: silent });
    expect(r.exitCode).toBe(0);
    expect(server.requests).toHaveLength(1);
    const user = messageText(server.requests[0]!.body.messages.at(-1));
    expect(user).toContain('Standing Board of the Provincial Party Committee');
    expect(r.report!.runs[0]!.prompt).toBe('translate@v1');
    expect(r.report!.runs[0]!.metrics.chrfpp).toBeNull(); // no reference: nothing to score
  });

  it('exports the office corrections as a dataset the runner can load', async () => {
    const dataDir = path.join(out, 'data');
    const where = storeLocation({ filename: path.join(dataDir, 'workbench.db'), databaseUrl: store.env.DATABASE_URL });
    const seeded = await openStoreAt(where);
    const now = '2026-11-27T07:00:00.000Z';
    const vi = 'Tỉnh đã tiếp 15 đoàn khách quốc tế.';
    await seeded.articles.create(
      { id: 'a1', title: 't', status: 'in_review', source_format: 'txt', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: now, updated_at: now },
      [{ id: 's1', article_id: 'a1', idx: 0, kind: 'body', source: vi, sentences_json: '[]', machine_translation: 'The province got 15 groups.', mt_run_id: null,
        translation: 'The province received 15 international delegations.', status: 'approved', origin: 'editor', error: null, qa_json: '[]', version: 2, updated_at: now, updated_by: 'lan' }],
    );
    await seeded.close();
    const file = path.join(out, 'corrections.jsonl');
    const lines: string[] = [];
    const r = await runCli(['--export-corrections', file], { env: { ...env(), DATA_DIR: dataDir }, stderr: { write: (s: string) => lines.push(s) } });
    expect(r.exitCode).toBe(0);
    expect(lines.join('')).toContain(`exported 1 corrections to ${file}`);
    expect(await loadTranslationDataset(file)).toEqual([
      { id: 's1', vi, en: 'The province received 15 international delegations.', mt: 'The province got 15 groups.', doc: 'a1' },
    ]);

    // --save stores the report for the Evals page
    const saved = await runCli([...args(), '--save'], { env: { ...env(), DATA_DIR: dataDir }, stderr: silent });
    expect(saved.savedId).toMatch(/^eval/);
    const reopened = await openStoreAt(where);
    const detail = await getEval(evalRunsRepository(reopened.db), saved.savedId!);
    await reopened.close();
    expect(detail).toMatchObject({ kind: 'translation', items: 20, prompts: ['translate@v1', 'translate@v2'], models: ['scripted-mt'], winner: 'translate@v2 · scripted-mt' });
    expect((detail.report as unknown as Report).runs[1]!.metrics.chrfpp).toBe(saved.report!.runs[1]!.metrics.chrfpp);
  });

  it('rejects bad arguments with exit code 2 and a message', async () => {
    const lines: string[] = [];
    const r = await runCli(['--dataset', SMOKE, '--limit', '0'], { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    expect(r.exitCode).toBe(2);
    expect(lines.join('')).toContain('--limit must be a positive integer, got "0"');
    const r2 = await runCli(['--dataset', SMOKE, '--prompt', 'translate@v9', '--out', out], { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    expect(r2.exitCode).toBe(2);
    expect(lines.join('')).toContain('Prompt translate@v9 does not exist');
  });
});
