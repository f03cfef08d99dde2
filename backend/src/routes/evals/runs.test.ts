/**
 * Eval runs started through the API, as the Evaluations page does: requests are checked before anything runs, a run
 * against the scripted OpenAI-compatible server streams its progress and is saved like `npm run eval -- --save`,
 * and a cancelled run stops its child process and saves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSource, fakeTranslate, startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../../../test/helpers/scripted-model-server.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

// real sentences of the Hoa Binh foreign-affairs article
const LINES = [
  'Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế đến thăm và làm việc.',
  'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.',
  'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.',
];
const jsonl = (items: object[]) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
const upload = (text: string, name = 'hoa-binh.jsonl') => ({ kind: 'upload', name, jsonl: text });

let server: ScriptedModelServer;
let t: TestApp;
beforeAll(async () => {
  server = await startScriptedModelServer({ script: translatorScript });
  t = await createTestApp({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0' });
});
afterAll(async () => {
  await t.close();
  await server.close();
});

const post = (body: object) => t.app.inject({ method: 'POST', url: '/api/eval-runs', payload: body });
type Event = { type: string; run: { status: string; progress: { done: number; total: number; failed: number }; evalId: string | null; error: string | null } };
/** Follow a run to its end over the event stream (inject returns when the server ends the stream). */
async function follow(id: string): Promise<Event[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/eval-runs/${id}/events` });
  expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  return res.body.split('\n\n').filter((b) => b.startsWith('event:')).map((b) => JSON.parse(b.split('\ndata: ')[1]!) as Event);
}

describe('eval runs: checked before anything runs', () => {
  it('offers the translation prompts, the configured model and the saved datasets', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/eval-runs/options' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.prompts.map((p: { ref: string }) => p.ref)).toEqual(expect.arrayContaining(['translate@v1', 'translate@v2']));
    expect(body.prompts.some((p: { ref: string }) => p.ref.startsWith('brief@'))).toBe(false);
    expect(body.models).toEqual(['scripted-mt']);
    expect(body.datasets).toEqual([{ kind: 'corrections', items: 0 }, { kind: 'ntrex-dev', items: 1007 }]);
  });

  it('an uploaded line that is not a dataset item is a 400 naming the line', async () => {
    const bad = `${JSON.stringify({ id: 'hb-1', vi: LINES[0] })}\n${JSON.stringify({ id: 'hb-2', en: 'no source' })}\n`;
    const res = await post({ dataset: upload(bad) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ERR_EVAL_DATASET_INVALID');
    expect(res.json().error.message).toMatch(/^hoa-binh\.jsonl line 2: vi: /);
    const notJson = await post({ dataset: upload(`${JSON.stringify({ id: 'hb-1', vi: LINES[0] })}\n{"id": "hb-2", "vi": "Tỉnh\n`) });
    expect(notJson.json().error.message).toMatch(/line 2: not valid JSON/);
    const twice = await post({ dataset: upload(jsonl([{ id: 'x', vi: LINES[0] }, { id: 'x', vi: LINES[1] }])) });
    expect(twice.json().error.message).toMatch(/line 2: id "x" already used on line 1/);
    const line = JSON.stringify({ id: 'hb', vi: LINES[0] }) + '\n';
    const huge = await post({ dataset: upload(line.repeat(Math.ceil(5_000_001 / line.length))) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toMatch(/longer than 5 million characters/);
  });

  it('refuses unknown prompts, repeated models, a bad limit and an empty corrections set', async () => {
    const ok = upload(jsonl([{ id: 'hb-1', vi: LINES[0] }]));
    const prompt = await post({ dataset: ok, prompts: ['translate@v9'] });
    expect(prompt.statusCode).toBe(400);
    expect(prompt.json().error).toMatchObject({ code: 'ERR_EVAL_RUN_INVALID', message: expect.stringMatching(/Unknown translation prompt translate@v9: choose from .*translate@v1/) });
    expect((await post({ dataset: ok, prompts: ['brief@v1'] })).statusCode).toBe(400);
    const twice = await post({ dataset: ok, models: ['m', 'm'] });
    expect(twice.json().error.message).toBe('The model m is chosen twice: choose each model once');
    expect((await post({ dataset: ok, models: ['bad name; rm'] })).statusCode).toBe(400);
    expect((await post({ dataset: ok, models: ['--save'] })).statusCode).toBe(400);
    expect((await post({ dataset: ok, limit: 0 })).statusCode).toBe(400);
    expect((await post({ dataset: { kind: 'elsewhere' } })).statusCode).toBe(400);
    const none = await post({ dataset: { kind: 'corrections' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/no corrections yet/);
    expect((await t.app.inject({ method: 'GET', url: '/api/eval-runs' })).json().runs).toEqual([]);
  });

  it('answers 503 ERR_MODEL_NOT_CONFIGURED when no model is configured, and 404 for an unknown run', async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.app.inject({ method: 'POST', url: '/api/eval-runs', payload: { dataset: { kind: 'ntrex-dev' } } });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('ERR_MODEL_NOT_CONFIGURED');
      expect((await bare.app.inject({ method: 'GET', url: '/api/eval-runs/evalrun_nope' })).json().error.code).toBe('ERR_EVAL_RUN_NOT_FOUND');
      expect((await bare.app.inject({ method: 'GET', url: '/api/eval-runs/evalrun_nope/events' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('eval runs: run, save, cancel', () => {
  it('an uploaded dataset runs two prompts, streams progress with the failure, and is saved for the Evaluations list', async () => {
    // the model refuses the second sentence (a 400 is not retried): a failed item, counted and explained
    server.setScript((req, ctx) => (extractSource(ctx.userText) === LINES[1] ? { status: 400, body: { error: { message: 'scripted refusal', type: 'invalid_request_error' } } } : translatorScript(req, ctx)));
    const res = await post({ dataset: upload(jsonl(LINES.map((vi, i) => ({ id: `hb-${i + 1}`, vi, en: fakeTranslate(vi) })))), prompts: ['translate@v1', 'translate@v2'] });
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ status: 'running', dataset: 'hoa-binh.jsonl', prompts: ['translate@v1', 'translate@v2'], models: ['scripted-mt'] });
    const events = await follow(started.id);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    expect(done.run).toMatchObject({ status: 'done', progress: { done: 6, total: 6, failed: 2 } });
    expect(done.run.error).toMatch(/item hb-2: .*scripted refusal/);
    const counts = events.filter((e) => e.type === 'progress').map((e) => e.run.progress.done);
    expect(counts.at(-1)).toBe(6);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const saved = await t.app.inject({ method: 'GET', url: `/api/evals/${done.run.evalId}` });
    expect(saved.statusCode).toBe(200);
    const body = saved.json();
    expect(body.dataset).toMatch(/hoa-binh\.jsonl$/);
    expect(body.prompts).toEqual(['translate@v1', 'translate@v2']);
    expect(body.runs.map((r: { metrics: { failed: number } }) => r.metrics.failed)).toEqual([1, 1]);
    expect(body.report.runs[0].items).toHaveLength(3);
    expect((await t.app.inject({ method: 'GET', url: '/api/evals' })).json().evals[0].id).toBe(done.run.evalId);
    server.setScript(translatorScript);
  });

  it('the corrections dataset runs the approved corrections', async () => {
    const now = '2026-11-27T07:00:00.000Z';
    await t.deps.store.articles.create(
      { id: 'a1', title: 'Hòa Bình', status: 'in_review', source_format: 'txt', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: now, updated_at: now },
      [{ id: 's1', article_id: 'a1', idx: 0, kind: 'body', source: LINES[0]!, sentences_json: '[]', machine_translation: 'The province got 15 groups.', mt_run_id: null,
        translation: 'In 2020, Hoa Binh province welcomed 15 international delegations.', status: 'approved', origin: 'editor', error: null, qa_json: '[]', version: 2, updated_at: now, updated_by: 'lan' }],
    );
    const res = await post({ dataset: { kind: 'corrections' } });
    expect(res.statusCode).toBe(202);
    const done = (await follow(res.json().id)).at(-1)!;
    expect(done.run).toMatchObject({ status: 'done', progress: { done: 1, total: 1, failed: 0 }, error: null });
    const saved = (await t.app.inject({ method: 'GET', url: `/api/evals/${done.run.evalId}` })).json();
    expect(saved.dataset).toMatch(/corrections\.jsonl$/);
    expect(saved.report.runs[0].items[0].reference).toBe('In 2020, Hoa Binh province welcomed 15 international delegations.');
  });

  it('a second run waits for the first; cancel stops it and saves nothing', async () => {
    server.reset();
    server.setLatency(5_000);
    try {
      const before = (await t.app.inject({ method: 'GET', url: '/api/evals' })).json().evals.length;
      const res = await post({ dataset: { kind: 'ntrex-dev' }, limit: 3 });
      expect(res.statusCode).toBe(202);
      const { id } = res.json();
      const busy = await post({ dataset: { kind: 'ntrex-dev' }, limit: 1 });
      expect(busy.statusCode).toBe(409);
      expect(busy.json().error.code).toBe('ERR_EVAL_RUN_BUSY');
      // wait until the child has asked the model, so the cancel stops a run in flight
      for (let i = 0; i < 200 && server.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      const cancelled = await t.app.inject({ method: 'DELETE', url: `/api/eval-runs/${id}` });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', evalId: null });
      // the child process is gone: its calls in flight are dropped long before the model's 5 s answer
      await expect.poll(() => server.requests.every((r) => r.endedAt !== undefined), { timeout: 3_000 }).toBe(true);
      expect(Math.max(...server.requests.map((r) => r.endedAt! - r.startedAt))).toBeLessThan(4_000);
      expect((await follow(id)).map((e) => e.type)).toEqual(['progress', 'done']);
      expect((await t.app.inject({ method: 'GET', url: '/api/evals' })).json().evals).toHaveLength(before);
      expect((await post({ dataset: upload(jsonl([{ id: 'hb-1', vi: LINES[0] }])), limit: 1 })).statusCode).toBe(202);
    } finally {
      server.setLatency(0);
    }
  });
});
