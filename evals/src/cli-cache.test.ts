/**
 * One cache for the project: the eval runner reads and writes the workbench's model-run cache (DATA_DIR's
 * database) under the product's own cache key. A run into a new --out folder makes no call; a translation made
 * through the workbench's API is a cache hit for the eval of the same prompt, model and input, and the other way round.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { closeDeps, createDeps, type Deps } from '../../backend/src/deps.ts';
import { fakeTranslate, sourceOf, startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';
import { testStoreEnv, type TestStoreEnv } from '../../backend/test/helpers/test-store.ts';
import { runCli } from './cli.ts';

let server: ScriptedModelServer;
let dir: string;
let deps: Deps;
let app: FastifyInstance;
let store: TestStoreEnv;
const silent = { write: () => true, isTTY: false };
const base = () => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data'), ...store.env });

// real sentences of the Hoa Binh foreign-affairs article
const LINES = [
  'Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế đến thăm và làm việc.',
  'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.',
  'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.',
];

async function dataset(name: string, lines: { id: string; vi: string; title?: string; doc?: string }[]): Promise<string> {
  const file = path.join(dir, `${name}.jsonl`);
  await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

beforeAll(async () => {
  server = await startScriptedModelServer({ script: translatorScript });
  dir = await mkdtemp(path.join(tmpdir(), 'evals-cache-'));
  store = await testStoreEnv();
  deps = await createDeps(loadConfig(base()));
  app = await buildApp(deps, { logger: false, frontendDist: path.join(dir, 'no-frontend') });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await closeDeps(deps);
  await store.drop();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.reset();
  server.setScript(translatorScript);
});

describe('the eval runner and the workbench share one model-run cache', () => {
  it('a run into a new --out folder makes no call; --no-cache makes them all again', async () => {
    const file = await dataset('plain', LINES.map((vi, i) => ({ id: `p${i}`, vi })));
    const run = (out: string, ...more: string[]) => runCli(['--dataset', file, '--out', path.join(dir, out), ...more], { env: base(), stderr: silent });
    const first = await run('one');
    expect(server.requests).toHaveLength(3);
    server.reset();
    const second = await run('two');
    expect(server.requests).toHaveLength(0);
    expect(second.report!.runs[0]!.metrics.cached).toBe(3);
    expect(second.report!.runs[0]!.items.map((i) => i.hypothesis)).toEqual(first.report!.runs[0]!.items.map((i) => i.hypothesis));
    // one in flight: the calls after the first are looked up ahead (Translator.expect), in the gaps between calls
    const ahead = await run('ahead', '--concurrency', '1');
    expect(server.requests).toHaveLength(0);
    expect(ahead.report!.runs[0]!.items.map((i) => [i.hypothesis, i.cached])).toEqual(first.report!.runs[0]!.items.map((i) => [i.hypothesis, true]));
    await run('three', '--no-cache');
    expect(server.requests).toHaveLength(3);
  });

  it('a translation made through the workbench API is a cache hit for the eval of the same prompt, model and input', async () => {
    const post = await app.inject({ method: 'POST', url: '/api/articles', payload: { title: 'Hòa Bình: đối ngoại năm 2020', text: LINES.join('\n\n') } });
    expect(post.statusCode).toBe(201);
    const article = post.json() as { id: string; title: string; segments: { id: string; source: string }[] };
    const job = (await app.inject({ method: 'POST', url: `/api/articles/${article.id}/translate` })).json() as { jobId: string };
    await app.inject(`/api/jobs/${job.jobId}/events`); // the stream ends with the job
    const calls = server.requests.length;
    expect(calls).toBe(article.segments.length);
    const translated = (await app.inject(`/api/articles/${article.id}`)).json() as { segments: { source: string; translation: string }[] };

    server.reset();
    const file = await dataset('workbench', article.segments.map((s) => ({ id: s.id, vi: s.source, title: article.title, doc: article.id })));
    const r = await runCli(['--dataset', file, '--out', path.join(dir, 'wb')], { env: base(), stderr: silent });
    expect(server.requests).toHaveLength(0);
    expect(r.report!.runs[0]!.items.map((i) => [i.hypothesis, i.cached])).toEqual(translated.segments.map((s) => [s.translation, true]));
  });

  it('and the other way round: the workbench translates what an eval already paid for without a call', async () => {
    const title = 'Kết quả công tác đối ngoại';
    const text = ['Tỉnh đã ký 3 thỏa thuận hợp tác với các địa phương nước ngoài.', 'Các hoạt động được tổ chức an toàn.'];
    // the article's title is its first segment, as the workbench splits it
    const file = await dataset('eval-first', [title, ...text].map((vi, i) => ({ id: `e${i}`, vi, title, doc: 'd' })));
    await runCli(['--dataset', file, '--out', path.join(dir, 'ef')], { env: base(), stderr: silent });
    expect(server.requests).toHaveLength(3);

    server.reset();
    const article = (await app.inject({ method: 'POST', url: '/api/articles', payload: { title, text: text.join('\n\n') } })).json() as { id: string; segments: unknown[] };
    expect(article.segments).toHaveLength(3);
    const job = (await app.inject({ method: 'POST', url: `/api/articles/${article.id}/translate` })).json() as { jobId: string };
    await app.inject(`/api/jobs/${job.jobId}/events`);
    expect(server.requests).toHaveLength(0);
    const runs = (await app.inject(`/api/articles/${article.id}/runs`)).json() as { totals: { calls: number; cached: number } };
    expect(runs.totals).toMatchObject({ calls: 0, cached: 3 });
  });

  it('--cache-failures keeps a rejected answer instead of asking three times again on every run', async () => {
    const vi = 'Đoàn công tác của tỉnh đã thăm Lào và ký kết biên bản ghi nhớ.';
    // the model echoes the Vietnamese: rejected by the answer check on all three attempts
    server.setScript((req) => ({ content: sourceOf(req) === vi ? vi : fakeTranslate(sourceOf(req)) }));
    const file = await dataset('reject', [{ id: 'r1', vi }]);
    const run = (out: string, ...more: string[]) => runCli(['--dataset', file, '--out', path.join(dir, out), '--max-failures', '1', ...more], { env: base(), stderr: silent });
    await run('r-a');
    expect(server.requests).toHaveLength(3);
    server.reset();
    await run('r-b');
    expect(server.requests).toHaveLength(3); // failures are re-asked by default
    server.reset();
    const cached = await run('r-c', '--cache-failures');
    expect(server.requests).toHaveLength(0);
    const item = cached.report!.runs[0]!.items[0]!;
    expect(item).toMatchObject({ hypothesis: '', cached: true, error: { code: 'ERR_MODEL_OUTPUT_INVALID', rawAnswer: vi } });
  });
});
