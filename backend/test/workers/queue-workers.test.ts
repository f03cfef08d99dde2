/**
 * Jobs across processes on PostgreSQL: one server and two `npm run worker` processes share the queue. A worker killed
 * with SIGKILL mid-job, or the server killed and restarted, loses nothing: every segment ends translated by exactly one
 * accepted model call, the job ends `done`, and a client following the job sees every segment.
 * Runs only where TEST_DATABASE_URL points at a PostgreSQL server (CI starts one).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type OpenStore } from '../../src/storage/index.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/postgres.ts';
import { fakeTranslate, sourceOf, startScriptedModelServer, type ScriptedModelServer } from '../helpers/scripted-model-server.ts';
import { sampleParagraphs, seedArticle } from '../helpers/seed-article.ts';
import { startServerProcess, startWorkerProcess, type ServerProcess, type WorkerProcess } from '../helpers/server-process.ts';

const SEGMENTS = 60;

/** Sixty distinct Vietnamese paragraphs from the real sample. */
function paragraphs(): string[] {
  const base = sampleParagraphs();
  return Array.from({ length: SEGMENTS }, (_, i) => `Đoạn ${i + 1}. ${base[i % base.length]}`);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Follow a job's server-sent events until `done` (or the stream ends); collects every event. */
function follow(base: string, jobId: string) {
  const events: { type: string; segmentId?: string; job?: { status: string } }[] = [];
  const controller = new AbortController();
  const finished = (async () => {
    const res = await fetch(`${base}/api/jobs/${jobId}/events`, { signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const e = JSON.parse(data.slice(6)) as (typeof events)[number];
        events.push(e);
        if (e.type === 'done') return;
      }
    }
  })().catch((err: unknown) => { if (!controller.signal.aborted) throw err; });
  return { events, finished, stop: () => controller.abort() };
}

// Processes start, work and stop for real: each test takes 10-30 s on a busy 2-core machine.
describe.skipIf(!testDatabaseUrl())('translate jobs across worker processes (PostgreSQL)', { timeout: 90_000 }, () => {
  let db: TestDatabase;
  let model: ScriptedModelServer;
  let store: OpenStore;
  const running: { close(): Promise<void> }[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Every answer names its call, so a segment's text tells which call it came from.
    model = await startScriptedModelServer({ latencyMs: 120, script: (req, ctx) => ({ content: `${fakeTranslate(sourceOf(req))} (call ${ctx.callIndex})` }) });
    env = {
      DATABASE_URL: db.url, OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt',
      WORKBENCH_MAX_RETRIES: '0', WORKBENCH_JOB_LEASE_SECONDS: '3', WORKBENCH_QUEUE_MAINTENANCE_SECONDS: '1', WORKBENCH_WORKER_CONCURRENCY: '3',
    };
    store = await createStore({ filename: '', databaseUrl: db.url });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.close()));
    model.reset();
    model.setLatency(120);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await model?.close();
    await db?.drop();
  }, 60_000);

  /** Each segment translated once: its text is its accepted run's output, and it has exactly one accepted call. */
  async function expectTranslatedOnce(articleId: string, segmentIds: string[]): Promise<void> {
    const segments = await store.segments.listByArticle(articleId);
    expect(segments.map((s) => s.status)).toEqual(segmentIds.map(() => 'translated'));
    const runs = await store.runs.listByArticle(articleId);
    for (const s of segments) {
      const accepted = runs.filter((r) => r.segment_id === s.id && r.cache_key !== null && r.cached === 0 && r.error === null);
      expect(accepted, `accepted calls of segment ${s.idx}`).toHaveLength(1);
      expect(s.translation).toBe(accepted[0]!.output);
      expect(runs.find((r) => r.id === s.mt_run_id)?.output).toBe(s.translation);
    }
  }

  it('a worker killed halfway: every segment ends translated exactly once and the job ends done', async () => {
    const server = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    running.push(server);
    const workers: WorkerProcess[] = [await startWorkerProcess(env), await startWorkerProcess(env)];
    running.push(...workers);
    const { articleId, segmentIds } = await seedArticle(store, 'Hai tiến trình', paragraphs());

    const res = await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const stream = follow(server.base, jobId);

    await until('half of the segments', async () => ((await store.jobs.get(jobId))?.done ?? 0) >= SEGMENTS / 2);
    const inFlightAtKill = model.requests.filter((r) => r.endedAt === undefined).length;
    expect(inFlightAtKill).toBeGreaterThan(0);
    await workers[0]!.kill();
    await until('the job to finish', async () => !['queued', 'running'].includes((await store.jobs.get(jobId))!.status));

    const job = (await store.jobs.get(jobId))!;
    expect(job.status).toBe('done');
    expect([job.done, job.failed, job.total]).toEqual([SEGMENTS, 0, SEGMENTS]);
    await expectTranslatedOnce(articleId, segmentIds);
    expect(model.requests.length).toBeLessThanOrEqual(SEGMENTS + inFlightAtKill);
    expect(model.requests.length).toBeGreaterThanOrEqual(SEGMENTS);

    await stream.finished;
    const streamed = new Set(stream.events.filter((e) => e.type === 'segment').map((e) => e.segmentId));
    expect([...streamed].sort()).toEqual([...segmentIds].sort());
    expect(stream.events.at(-1)).toMatchObject({ type: 'done', job: { status: 'done' } });
  });

  it('the server killed and restarted while workers run: nothing is lost and a new client follows the job to its end', async () => {
    // Slow enough calls that the job is still running when the new server is up.
    model.setLatency(500);
    const first = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    const workers = [await startWorkerProcess(env), await startWorkerProcess(env)];
    running.push(...workers);
    const { articleId, segmentIds } = await seedArticle(store, 'Máy chủ khởi động lại', paragraphs());

    const res = await fetch(`${first.base}/api/articles/${articleId}/translate`, { method: 'POST' });
    const { jobId } = (await res.json()) as { jobId: string };
    await until('a few segments', async () => ((await store.jobs.get(jobId))?.done ?? 0) >= 10);
    await first.kill();
    const doneWhileDown = (await store.jobs.get(jobId))!.done;

    const second = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    running.push(second);
    const stream = follow(second.base, jobId);
    await stream.finished;

    const job = (await store.jobs.get(jobId))!;
    expect(job.status).toBe('done');
    expect(job.done).toBe(SEGMENTS);
    expect(doneWhileDown).toBeLessThan(SEGMENTS);
    await expectTranslatedOnce(articleId, segmentIds);
    expect(model.requests.length).toBe(SEGMENTS);
    // The new client got the state at once, then every segment finished after that, then the end.
    const atConnect = stream.events[0] as { type: string; job: { status: string; done: number } };
    expect(atConnect).toMatchObject({ type: 'progress', job: { status: 'running' } });
    expect(atConnect.job.done).toBeLessThan(SEGMENTS);
    expect(stream.events.filter((e) => e.type === 'segment').length).toBeGreaterThanOrEqual(SEGMENTS - atConnect.job.done);
    expect(stream.events.at(-1)).toMatchObject({ type: 'done', job: { status: 'done' } });
  });

  it('four workers share WORKBENCH_CONCURRENCY=6: the model server never sees more than 6 calls at once', async () => {
    const budgeted = { ...env, WORKBENCH_CONCURRENCY: '6', WORKBENCH_WORKER_CONCURRENCY: '4' };
    const server = await startServerProcess({ ...budgeted, WORKBENCH_WORKER: 'off' });
    running.push(server);
    const workers = await Promise.all([1, 2, 3, 4].map(() => startWorkerProcess(budgeted)));
    running.push(...workers);
    const { articleId, segmentIds } = await seedArticle(store, 'Ngân sách chung', paragraphs());
    model.reset();

    const { jobId } = (await (await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' })).json()) as { jobId: string };
    await until('the job to finish', async () => !['queued', 'running'].includes((await store.jobs.get(jobId))!.status));

    expect((await store.jobs.get(jobId))!.status).toBe('done');
    await expectTranslatedOnce(articleId, segmentIds);
    // 16 task slots across the workers, 6 calls allowed: the budget, not the slots, set the pace.
    expect(model.maxInFlight).toBeLessThanOrEqual(6);
    expect(model.maxInFlight).toBeGreaterThanOrEqual(4);
  });

  it('a cancel sent to the server stops the work on every worker', async () => {
    model.setLatency(400);
    const server = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    running.push(server);
    running.push(await startWorkerProcess(env), await startWorkerProcess(env));
    const { articleId } = await seedArticle(store, 'Hủy giữa chừng', paragraphs());

    const { jobId } = (await (await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' })).json()) as { jobId: string };
    await until('a few segments', async () => ((await store.jobs.get(jobId))?.done ?? 0) >= 6);
    const res = await fetch(`${server.base}/api/jobs/${jobId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('cancelled');
    const cancelledAt = Date.now();

    // Calls in flight are aborted at once, and no worker starts another for this job.
    await until('the calls in flight to end', async () => model.requests.every((r) => r.endedAt !== undefined), 5000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(model.requests.filter((r) => r.startedAt > cancelledAt + 200)).toEqual([]);
    expect(model.requests.every((r) => r.endedAt! < cancelledAt + 1000)).toBe(true);
    const job = (await store.jobs.get(jobId))!;
    expect(job.status).toBe('cancelled');
    const tasks = await store.db.selectFrom('job_tasks').select(['state']).where('job_id', '=', jobId).execute();
    expect(tasks.filter((t) => t.state === 'pending')).toEqual([]);
    expect(tasks.filter((t) => t.state === 'cancelled').length).toBeGreaterThan(0);
    // What was translated before the cancel is kept.
    const segments = await store.segments.listByArticle(articleId);
    expect(segments.filter((s) => s.status === 'translated').length).toBe(tasks.filter((t) => t.state === 'done').length);
    expect((await store.articles.get(articleId))!.status).toBe('imported');
  });

  it('a call that outlasts the lease stays with its live worker: the lease is renewed, no task is handed over', async () => {
    // Leases of 3 s, calls of 4.5 s: without renewal every task would be handed to the other worker and called again.
    model.setLatency(4500);
    const server = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    running.push(server);
    running.push(await startWorkerProcess(env), await startWorkerProcess(env));
    const { articleId, segmentIds } = await seedArticle(store, 'Cuộc gọi dài', paragraphs().slice(0, 4));

    const { jobId } = (await (await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' })).json()) as { jobId: string };
    await until('the job to finish', async () => !['queued', 'running'].includes((await store.jobs.get(jobId))!.status));

    expect((await store.jobs.get(jobId))!.status).toBe('done');
    await expectTranslatedOnce(articleId, segmentIds);
    expect(model.requests.length).toBe(4);
  });

  it('a term added on the server reaches the prompts of a worker that had built its term index already', async () => {
    const server = await startServerProcess({ ...env, WORKBENCH_WORKER: 'off' });
    running.push(server);
    running.push(await startWorkerProcess({ ...env, WORKBENCH_WORKER_CONCURRENCY: '1' }));
    const translate = async (paragraph: string) => {
      const { articleId } = await seedArticle(store, 'Quan hệ với Lào', [paragraph]);
      const { jobId } = (await (await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' })).json()) as { jobId: string };
      await until('the job to finish', async () => !['queued', 'running'].includes((await store.jobs.get(jobId))!.status));
      return JSON.stringify(model.requests.at(-1)!.body.messages);
    };

    const before = await translate('Đoàn công tác thăm Trung tâm Hữu nghị Bản Lác ở tỉnh Hòa Bình.');
    expect(before).not.toContain('Ban Lac Friendship Centre');
    const added = await fetch(`${server.base}/api/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vi: 'Trung tâm Hữu nghị Bản Lác', en: 'Ban Lac Friendship Centre', domain: 'place' }) });
    expect(added.status).toBe(201);
    const after = await translate('Trung tâm Hữu nghị Bản Lác đón đoàn khách Lào.');
    expect(after).toContain('Ban Lac Friendship Centre');
  });

  it('provider settings saved on the server apply to a running worker\'s next calls', async () => {
    // No WORKBENCH_MODEL in the environment: the model comes from the saved settings.
    const { WORKBENCH_MODEL: _set, ...fromSettings } = env;
    const server = await startServerProcess({ ...fromSettings, WORKBENCH_WORKER: 'off' });
    running.push(server);
    running.push(await startWorkerProcess(fromSettings));
    const translate = async (paragraph: string) => {
      const { articleId } = await seedArticle(store, 'Cài đặt', [paragraph]);
      const { jobId } = (await (await fetch(`${server.base}/api/articles/${articleId}/translate`, { method: 'POST' })).json()) as { jobId: string };
      await until('the job to finish', async () => !['queued', 'running'].includes((await store.jobs.get(jobId))!.status));
      return model.requests.at(-1)!.body.model;
    };
    const save = (modelName: string) => fetch(`${server.base}/api/settings/provider`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: modelName }) });

    expect((await save('office-model-a')).status).toBe(200);
    expect(await translate('Tỉnh Hòa Bình có 10 huyện và 1 thành phố.')).toBe('office-model-a');
    expect((await save('office-model-b')).status).toBe(200);
    expect(await translate('Dân số của tỉnh khoảng 870 nghìn người.')).toBe('office-model-b');
  });
});
