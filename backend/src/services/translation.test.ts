import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { runQa } from '../qa/index.ts';
import type { JobEvent } from '../schemas/job.ts';
import { createStore, type OpenStore } from '../storage/index.ts';
import { getLatestBrief, startBrief } from './brief.ts';
import { terminologyFor } from './terminology.ts';
import { startTranslation } from './translation.ts';
import { translationMemoryFor } from './translation-memory.ts';
import { createTranslationRuntime, runtimeFor, type TranslationRuntime } from './translation-runtime.ts';
import { SAMPLE_TITLE, sampleParagraphs, seedArticle } from '../../test/helpers/seed-article.ts';
import { fakeTranslate, sourceOf, startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';

let server: ScriptedModelServer;
let store: OpenStore;
let rt: TranslationRuntime;
const paragraphs = sampleParagraphs();

function runtime(env: Record<string, string> = {}): TranslationRuntime {
  const config = loadConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_CONCURRENCY: '4', WORKBENCH_MAX_RETRIES: '2', WORKBENCH_TIMEOUT_MS: '3000', ...env });
  return createTranslationRuntime({ config, store }, { log: { error: () => {} } });
}

async function until(ok: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function finished(jobId: string) {
  await rt.runner.idle();
  return rt.runner.get(jobId);
}

beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(async () => {
  await server.close();
});
// A fresh database per test: the model-run cache would otherwise answer for segments an earlier test translated.
beforeEach(async () => {
  store = await createStore({ filename: ':memory:' });
  rt = runtime();
  server.reset();
  server.setLatency(0);
  server.setScript(translatorScript);
});
afterEach(async () => {
  await rt.runner.shutdown();
  await store.close();
});

describe('translation job', () => {
  it('translates the sample article end to end, each segment from a request carrying its source', async () => {
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs);
    const job = await startTranslation(rt, articleId);
    const done = await finished(job.id);
    expect(done).toMatchObject({ status: 'done', total: 10, done: 10, failed: 0, error: null });
    const segs = await store.segments.listByArticle(articleId);
    expect(segs.map((s) => s.translation)).toEqual(paragraphs.map(fakeTranslate));
    expect(segs.every((s) => s.status === 'translated' && s.origin === 'model' && s.mt_run_id)).toBe(true);
    // Every translation came back from the request that carried that segment's source.
    for (const s of segs) {
      const req = server.requests.find((r) => sourceOf(r.body) === s.source);
      expect(req?.reply).toEqual({ content: s.translation });
    }
    expect(server.requests).toHaveLength(10);
    const runs = await store.runs.listByArticle(articleId);
    expect(runs).toHaveLength(10);
    const run = runs.find((r) => r.id === segs[0]!.mt_run_id)!;
    expect(run).toMatchObject({ segment_id: segmentIds[0], prompt_id: 'translate', prompt_version: 'v1', model: 'scripted-1', cached: 0, error: null, cost_usd: null });
    expect(run.prompt_hash).toBe(rt.activePrompt('translate').hash);
    expect(run.tokens_in).toBeGreaterThan(0);
    expect(JSON.parse(run.params_json)).toEqual({ model: 'scripted-1', provider: server.baseURL, temperature: 0.1, maxTokens: 2048 });
  });

  it('stores the QA issues of each new translation on its segment', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, [paragraphs[0]!]);
    await finished((await startTranslation(rt, articleId)).id);
    const [seg] = await store.segments.listByArticle(articleId);
    const expected = runQa({ source: seg!.source, translation: seg!.translation, terms: await rt.termIndex() });
    expect(expected.map((i) => i.code)).toContain('QA_TERM_MISSING');
    expect(JSON.parse(seg!.qa_json)).toEqual(expected);
  });

  it('sends only the glossary entries that occur in the segment', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, [paragraphs[0]!, paragraphs[1]!]);
    await finished((await startTranslation(rt, articleId)).id);
    const first = server.requests.find((r) => sourceOf(r.body) === paragraphs[0])!;
    const second = server.requests.find((r) => sourceOf(r.body) === paragraphs[1])!;
    const user = (r: typeof first) => String(r.body.messages.at(-1)!.content);
    expect(user(first)).toContain('\nBTV Tỉnh ủy = Standing Board of the Provincial Party Committee\n');
    expect(user(second)).toContain('<glossary>\ntỉnh Yamanashi = Yamanashi Prefecture');
    expect(user(second)).not.toContain('Standing Board');
  });

  it('keeps WORKBENCH_CONCURRENCY calls in flight at once', async () => {
    server.setLatency(150);
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 8));
    await finished((await startTranslation(rt, articleId)).id);
    // Exactly the configured number overlapped: more would overrun a local server, fewer would waste the slots.
    expect(server.maxInFlight).toBe(4);
    expect(server.requests).toHaveLength(8);
  });

  it('survives a 429 without Retry-After and a 500', async () => {
    const failOnce = new Set([paragraphs[2], paragraphs[3]]);
    server.setScript((req) => {
      const src = sourceOf(req);
      if (failOnce.has(src)) {
        failOnce.delete(src);
        return src === paragraphs[2] ? { status: 429 } : { status: 500 };
      }
      return { content: fakeTranslate(src) };
    });
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 5));
    const job = await finished((await startTranslation(rt, articleId)).id);
    expect(job).toMatchObject({ status: 'done', done: 5, failed: 0 });
    expect(server.requests).toHaveLength(7);
    expect((await store.segments.listByArticle(articleId)).map((s) => s.translation)).toEqual(paragraphs.slice(0, 5).map(fakeTranslate));
  });

  it('marks a segment that keeps failing as failed and ends the job partial, the others translated', async () => {
    server.setScript((req) => (sourceOf(req) === paragraphs[1] ? { status: 400, body: { error: { message: 'context length exceeded' } } } : { content: fakeTranslate(sourceOf(req)) }));
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 4));
    const job = await finished((await startTranslation(rt, articleId)).id);
    expect(job).toMatchObject({ status: 'partial', done: 3, failed: 1 });
    expect(job.error).toMatch(/^1 of 4 segments failed: The model call failed: 400/);
    const segs = await store.segments.listByArticle(articleId);
    expect(segs.map((s) => s.status)).toEqual(['translated', 'failed', 'translated', 'translated']);
    expect(segs[1]).toMatchObject({ id: segmentIds[1], translation: null, error: expect.stringMatching(/context length exceeded/) });
    const failedRun = (await store.runs.listByArticle(articleId)).find((r) => r.segment_id === segmentIds[1]);
    expect(failedRun?.error).toMatch(/400/);
  });

  it('makes zero model calls when an unchanged article is translated again', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 6));
    await finished((await startTranslation(rt, articleId)).id);
    expect(server.requests).toHaveLength(6);
    server.reset();
    const again = await finished((await startTranslation(rt, articleId)).id);
    expect(again).toMatchObject({ status: 'done', done: 6 });
    const copy = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 6));
    await finished((await startTranslation(rt, copy.articleId)).id);
    expect(server.requests).toHaveLength(0);
    expect((await store.segments.listByArticle(copy.articleId)).map((s) => s.translation)).toEqual(paragraphs.slice(0, 6).map(fakeTranslate));
    const cachedRuns = (await store.runs.listByArticle(copy.articleId)).filter((r) => r.cached === 1);
    expect(cachedRuns).toHaveLength(6);
  });

  it('with scope "missing" translates only segments without a translation', async () => {
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 3));
    await finished((await startTranslation(rt, articleId)).id);
    const s2 = (await store.segments.get(segmentIds[2]!))!;
    await store.segments.update(s2.id, { translation: null, machine_translation: null, status: 'failed', error: 'earlier failure' });
    server.reset();
    const job = await finished((await startTranslation(rt, articleId, { scope: 'missing' })).id);
    expect(job).toMatchObject({ status: 'done', total: 1, done: 1 });
    // The earlier answer for that exact call is still in the run cache: restored without a model call.
    expect(server.requests).toHaveLength(0);
    expect((await store.segments.get(s2.id))).toMatchObject({ status: 'translated', translation: fakeTranslate(paragraphs[2]!), error: null });
  });

  it('uses an exact translation-memory match instead of the model', async () => {
    const remembered = 'On 6 January 2017, the Standing Board of the Provincial Party Committee issued Resolution No. 12-NQ/TU.';
    const withMemory = createTranslationRuntime({ config: rt.config, store }, { log: { error: () => {} }, memory: async (src) => (src === paragraphs[0] ? remembered : null) });
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 2));
    await startTranslation(withMemory, articleId);
    await withMemory.runner.idle();
    expect(server.requests.map((r) => sourceOf(r.body))).toEqual([paragraphs[1]]);
    const [first] = await store.segments.listByArticle(articleId);
    expect(first).toMatchObject({ translation: remembered, machine_translation: null, origin: 'memory', mt_run_id: null, status: 'translated' });
  });

  it('by default takes exact matches from the translation memory and the glossary from the termbase in the store', async () => {
    const approved = 'The Yamanashi Prefecture delegation worked in our province.';
    await translationMemoryFor({ config: rt.config, store }).recordApproved({ source: paragraphs[1]!, translation: approved, editor: 'lan' });
    await terminologyFor({ store }).create({ vi: 'quán triệt', en: 'thoroughly grasp', forbidden: [], caseSensitive: false });
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(1, 3));
    await finished((await startTranslation(rt, articleId)).id);
    expect(server.requests.map((r) => sourceOf(r.body))).toEqual([paragraphs[2]]);
    expect(String(server.requests[0]!.body.messages.at(-1)!.content)).toContain('\nquán triệt = thoroughly grasp\n');
    const segs = await store.segments.listByArticle(articleId);
    expect(segs.map((s) => [s.origin, s.translation])).toEqual([['memory', approved], ['model', fakeTranslate(paragraphs[2]!)]]);
  });

  it('never overwrites a segment an editor edited or approved', async () => {
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 3));
    await finished((await startTranslation(rt, articleId)).id);
    const s0 = (await store.segments.get(segmentIds[0]!))!;
    await store.segments.updateIfVersion(s0.id, s0.version, { translation: 'Edited by hand.', status: 'edited', origin: 'editor' }, 'lan');
    const s1 = (await store.segments.get(segmentIds[1]!))!;
    await store.segments.updateIfVersion(s1.id, s1.version, { status: 'approved' }, 'lan');
    // Typed by an editor but left at "translated": still the editor's text.
    const s2 = (await store.segments.get(segmentIds[2]!))!;
    await store.segments.updateIfVersion(s2.id, s2.version, { translation: 'Typed by an editor.', origin: 'editor' }, 'minh');
    server.reset();
    server.setScript(() => ({ content: 'A different translation.' }));
    const job = await finished((await startTranslation(rt, articleId)).id);
    expect(job.total).toBe(0);
    expect(server.requests).toHaveLength(0);
    const segs = await store.segments.listByArticle(articleId);
    expect(segs.map((s) => [s.status, s.translation])).toEqual([
      ['edited', 'Edited by hand.'],
      ['approved', fakeTranslate(paragraphs[1]!)],
      ['translated', 'Typed by an editor.'],
    ]);
  });

  it('keeps an edit made while the model was answering', async () => {
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 2));
    server.setScript(async (req) => {
      if (sourceOf(req) === paragraphs[0]) {
        // The editor saves while this call is in flight.
        const s0 = (await store.segments.get(segmentIds[0]!))!;
        await store.segments.updateIfVersion(s0.id, s0.version, { translation: 'Typed while the model worked.', status: 'edited', origin: 'editor' }, 'lan');
      }
      return { content: fakeTranslate(sourceOf(req)) };
    });
    const job = await finished((await startTranslation(rt, articleId)).id);
    expect(job).toMatchObject({ status: 'done', done: 2 });
    const segs = await store.segments.listByArticle(articleId);
    expect(segs.map((s) => [s.status, s.translation])).toEqual([
      ['edited', 'Typed while the model worked.'],
      ['translated', fakeTranslate(paragraphs[1]!)],
    ]);
  });

  it('emits progress first, a segment event per segment, and done last', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 3));
    const events: JobEvent[] = [];
    const job = await startTranslation(rt, articleId);
    rt.runner.subscribe(job.id, (e) => events.push(e));
    await finished(job.id);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('progress');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'segment')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'done', job: { status: 'done', done: 3, total: 3 } });
    // Each segment's QA arrives with it, as stored, before the job ends.
    const stored = new Map((await store.segments.listByArticle(articleId)).map((s) => [s.id, JSON.parse(s.qa_json)]));
    const streamed = events.flatMap((e) => (e.type === 'segment' ? [[e.segmentId, e.qa]] : []));
    expect(streamed).toHaveLength(3);
    for (const [id, qa] of streamed) expect(qa).toEqual(stored.get(id as string));
    expect([...stored.values()].some((qa) => qa.length > 0)).toBe(true);
  });

  it('cancels a job, aborting the calls in flight', async () => {
    server.setScript(() => ({ hang: true }));
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 8));
    const job = await startTranslation(rt, articleId);
    await until(async () => server.requests.length >= 4);
    const cancelled = await rt.runner.cancel(job.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', error: 'Cancelled by the user' });
    expect(server.requests).toHaveLength(4);
    expect((await store.segments.listByArticle(articleId)).every((s) => s.status === 'new')).toBe(true);
  });

  it('marks jobs left running by a stopped server as interrupted, and a resume finishes them without repeating work', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 5));
    // Two segments are done before the "crash": the job row is left running.
    server.setScript((req) => (sourceOf(req) === paragraphs[0] || sourceOf(req) === paragraphs[1] ? { content: fakeTranslate(sourceOf(req)) } : { hang: true }));
    const job = await startTranslation(rt, articleId);
    await until(async () => (await store.segments.listByArticle(articleId)).filter((s) => s.status === 'translated').length >= 2);
    await rt.runner.shutdown();
    expect((await rt.runner.get(job.id)).status).toBe('interrupted');
    await store.jobs.update(job.id, { status: 'running' });
    // A fresh process over the same database.
    await store.articles.setStatus(articleId, 'translating');
    const restarted = await runtimeFor({ config: rt.config, store });
    expect((await restarted.runner.get(job.id)).status).toBe('interrupted');
    expect((await store.articles.get(articleId))?.status).toBe('imported');
    server.reset();
    server.setScript(translatorScript);
    await restarted.runner.resume(job.id);
    await restarted.runner.idle();
    expect(await restarted.runner.get(job.id)).toMatchObject({ status: 'done', done: 5 });
    expect(server.requests.map((r) => sourceOf(r.body)).sort()).toEqual(paragraphs.slice(2, 5).sort());
  });

  it('answers ERR_MODEL_NOT_CONFIGURED without a model', async () => {
    const bare = createTranslationRuntime({ config: loadConfig({}), store });
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 1));
    await expect(startTranslation(bare, articleId)).rejects.toMatchObject({ code: 'ERR_MODEL_NOT_CONFIGURED', statusCode: 503 });
  });
});

describe('brief job', () => {
  it('stores a validated brief whose references are real segment ids', async () => {
    const { articleId, segmentIds } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 4));
    await finished((await startTranslation(rt, articleId)).id);
    server.setScript(() => ({
      json: {
        headline: 'Hoa Binh steps up external relations', summary: 'Hoa Binh province cooperated with partners in Laos, Japan and Korea. '.repeat(6).trim(),
        keyPoints: [{ text: 'A', segmentIds: ['s1'] }, { text: 'B', segmentIds: ['s2', 's3'] }, { text: 'C', segmentIds: ['s4'] }],
        people: [{ name: 'Trần Hồng Quang', role: 'Director of the Department of Foreign Affairs' }], organisations: [], places: ['Hoa Binh'],
        figures: [{ value: '3', unit: 'years', measure: 'implementation of Resolution 12', segmentId: 's4' }],
      },
    }));
    const job = await finished((await startBrief(rt, articleId, { length: 'short' })).id);
    expect(job).toMatchObject({ status: 'done', done: 1 });
    const brief = await getLatestBrief(rt, articleId);
    expect(brief.content.keyPoints.map((p) => p.segmentIds)).toEqual([[segmentIds[0]], [segmentIds[1], segmentIds[2]], [segmentIds[3]]]);
    expect(brief.content.figures[0]!.segmentId).toBe(segmentIds[3]);
    expect(brief).toMatchObject({ length: 'short', jobId: job.id, approved: false });
    expect(String(server.requests.at(-1)!.body.messages.at(-1)!.content)).toContain(`[s1] ${fakeTranslate(paragraphs[0]!)}`);
  });

  it('fails the job with a clear error when the brief never validates', async () => {
    const { articleId } = await seedArticle(store, SAMPLE_TITLE, paragraphs.slice(0, 2));
    server.setScript(() => ({ content: 'not json at all' }));
    const job = await finished((await startBrief(rt, articleId)).id);
    expect(job.status).toBe('failed');
    expect(server.requests.map((r) => Boolean(r.body.response_format))).toEqual([true, false, false]);
    expect(job.error).toMatch(/^The model answer was not usable: the brief did not validate after one repair: not valid JSON/);
    // Shown as a failed version with the reason, not accepted and not lost.
    const failed = await getLatestBrief(rt, articleId);
    expect(failed).toMatchObject({ status: 'failed', approved: false, content: { headline: '', keyPoints: [] } });
    expect(failed.error).toMatch(/^The model answer was not usable: the brief did not validate after one repair: not valid JSON/);
  });
});
