/**
 * `npm run db:copy`: a SQLite database filled through the real app (an imported and translated article, edits and
 * approvals, a brief, terms, memory, a saved eval, users and their audit trail) copied to PostgreSQL answers the API
 * exactly as before, and copied back gives the same rows. The PostgreSQL part runs when TEST_DATABASE_URL is set;
 * the refusals run on SQLite alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalRunsFor, saveEvalReport } from '../services/evals.ts';
import { countRows, tablesInCopyOrder } from '../storage/copy.ts';
import { createStore } from '../storage/index.ts';
import { userSession } from '../../test/helpers/accounts.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../test/helpers/postgres.ts';
import { SAMPLE_FILE, seedArticle } from '../../test/helpers/seed-article.ts';
import { startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { main } from './db-copy.ts';

const NO_POSTGRES = 'PostgreSQL half of the suite skipped: set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres (a user with CREATEDB) to run it';
const as = (cookie: string) => ({ cookie, origin: 'http://localhost:80' });
const QA_OVERRIDE = { reason: 'checked against the printed edition' };

let model: ScriptedModelServer;
// the same sealing key for both apps, as a server moved to PostgreSQL keeps its DATA_DIR/secret.key
const SECRET = Buffer.alloc(32, 7).toString('base64');
const appEnv = () => ({ OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', WORKBENCH_SECRET_KEY: SECRET });
let source: TestApp;
let sourceFile = '';
let admin = '';
let scratch = '';
const targets: TestDatabase[] = [];

async function copy(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await main(args, (l) => lines.push(l));
  return lines;
}

/** The answers compared between the stores: every list the API gives and every article in full. */
async function answers(t: TestApp): Promise<Record<string, unknown>> {
  const get = async (url: string) => {
    const res = await t.app.inject({ url, headers: as(admin) });
    return { status: res.statusCode, body: res.json() };
  };
  const list = (await get('/api/articles')).body;
  const out: Record<string, unknown> = { list };
  for (const { id } of list.articles as { id: string }[]) {
    for (const part of ['', '/quality', '/brief', '/brief/versions', '/history', '/qa', '/runs', '/jobs']) out[`${id}${part}`] = await get(`/api/articles/${id}${part}`);
  }
  for (const url of ['/api/terms', '/api/tm/units', '/api/audit', '/api/evals', '/api/users', '/api/auth/me', '/api/auth/tokens', '/api/settings/provider']) out[url] = await get(url);
  return out;
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-db-copy-'));
  model = await startScriptedModelServer({ script: translatorScript });
  source = await createTestApp(appEnv());
  const where = source.deps.store.location;
  if (where.kind !== 'sqlite') throw new Error('db:copy tests start from the SQLite half');
  sourceFile = where.file;
  admin = await userSession(source.app, source.deps, 'quản-trị', 'admin');
  const lan = await userSession(source.app, source.deps, 'Nguyễn Lan', 'translator');
  const minh = await userSession(source.app, source.deps, 'Trần Minh', 'reviewer');

  const created = await source.app.inject({ method: 'POST', url: '/api/articles', headers: as(lan), payload: { title: 'Hòa Bình đẩy mạnh đối ngoại', text: fs.readFileSync(SAMPLE_FILE, 'utf8') } });
  expect(created.statusCode).toBe(201);
  const articleId = created.json().id as string;
  const job = await source.app.inject({ method: 'POST', url: `/api/articles/${articleId}/translate`, headers: as(lan) });
  expect(job.statusCode).toBe(202);
  await source.app.inject({ url: `/api/jobs/${job.json().jobId}/events`, headers: as(lan) }); // the stream ends with the job
  let segs = (await source.app.inject({ url: `/api/articles/${articleId}`, headers: as(lan) })).json().segments as { id: string; version: number; translation: string }[];
  expect(segs.every((s) => s.translation)).toBe(true);
  const patch = async (cookie: string, i: number, body: Record<string, unknown>) => {
    const res = await source.app.inject({ method: 'PATCH', url: `/api/segments/${segs[i]!.id}`, headers: as(cookie), payload: { version: segs[i]!.version, ...(body.status ? { qaOverride: QA_OVERRIDE } : {}), ...body } });
    expect(res.statusCode, res.body).toBe(200);
    segs[i] = res.json();
  };
  await patch(lan, 1, { translation: 'In 2020, Hoa Binh province welcomed 15 international delegations.', status: 'confirmed' });
  await patch(minh, 1, { translation: 'In 2020, Hoa Binh Province welcomed 15 international delegations.', status: 'approved', annotations: [{ category: 'names-titles', severity: 'minor', note: 'Tỉnh = Province' }] });
  await patch(minh, 2, { status: 'approved' });
  await patch(lan, 3, { translation: `${segs[3]!.translation} (edited)` });

  model.setScript(() => ({
    json: {
      headline: 'Hoa Binh steps up external relations', summary: 'The province expanded cooperation with its partners abroad.',
      keyPoints: [{ text: '15 delegations in 2020', segmentIds: ['s2'] }], people: [], organisations: ['BTV Tỉnh ủy'], places: ['Hòa Bình', 'Lào'], figures: [],
    },
  }));
  const briefJob = await source.app.inject({ method: 'POST', url: `/api/articles/${articleId}/brief`, headers: as(lan), payload: { length: 'short' } });
  expect(briefJob.statusCode, briefJob.body).toBe(202);
  await source.app.inject({ url: `/api/jobs/${briefJob.json().jobId}/events`, headers: as(lan) });
  const brief = (await source.app.inject({ url: `/api/articles/${articleId}/brief`, headers: as(lan) })).json();
  const saved = await source.app.inject({ method: 'PUT', url: `/api/articles/${articleId}/brief`, headers: as(minh), payload: { content: { ...brief.content, headline: 'Hoa Binh widens its foreign relations' }, approved: false, version: brief.version } });
  expect(saved.statusCode, saved.body).toBe(200);

  expect((await source.app.inject({ method: 'POST', url: '/api/terms', headers: as(admin), payload: { vi: 'Hủa Phăn', en: 'Houaphanh', domain: 'place' } })).statusCode).toBe(201);
  const starter = (await source.app.inject({ url: '/api/terms', headers: as(lan) })).json().terms[0] as { id: string };
  expect((await source.app.inject({ method: 'PATCH', url: `/api/terms/${starter.id}`, headers: as(admin), payload: { note: 'checked 2026' } })).statusCode).toBe(200);
  expect((await source.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: as(admin), payload: { name: 'nightly export', scope: 'read', days: 30 } })).statusCode).toBe(201);
  expect((await source.app.inject({ method: 'PUT', url: '/api/settings/provider', headers: as(admin), payload: { apiKey: 'sk-office-key', concurrency: 2 } })).statusCode).toBe(200);
  await seedArticle(source.deps.store, 'Một bài chưa dịch', ['Tỉnh Hòa Bình có 10 huyện.', 'Dân số khoảng 870 nghìn người.']);
  await saveEvalReport(evalRunsFor(source.deps.store), {
    dataset: { file: 'evals/datasets/smoke-20.jsonl', items: 20 },
    runs: [{ label: 'translate@v2 · m', prompt: 'translate@v2', model: 'm', repeat: 0, metrics: { chrfpp: 60.3 }, items: [{ id: 'hb-1', hypothesis: 'Hoa Binh.' }] }],
    comparisons: [],
    winner: null,
  });
  // every table the copy must carry holds rows, or the comparison proves less than it says; job_tasks is filled only
  // by the PostgreSQL job queue, never on SQLite
  const empty = [];
  for (const t of await tablesInCopyOrder(source.deps.store.db)) if (t.name !== 'job_tasks' && (await countRows(source.deps.store.db, t.name)) === 0) empty.push(t.name);
  expect(empty).toEqual([]);
}, 60_000);

afterAll(async () => {
  await source?.close();
  await model?.close();
  for (const t of targets) await t.drop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
  it('refuses a target that holds rows, replaces them with --force, and never replaces an audit trail', async () => {
    const file = path.join(scratch, 'holds-rows.db');
    const held = await createStore({ filename: file });
    await seedArticle(held, 'Bài cũ', ['Một.', 'Hai.']);
    await held.close();
    await expect(copy('--from', sourceFile, '--to', file)).rejects.toThrow(`${file} already holds rows (articles 1, segments 2): nothing was copied. --force replaces them with the source's`);

    const lines = await copy('--from', sourceFile, '--to', file, '--force');
    const copied = await createStore({ filename: file });
    try {
      for (const t of await tablesInCopyOrder(copied.db)) {
        const rows = await countRows(source.deps.store.db, t.name);
        expect(await countRows(copied.db, t.name), t.name).toBe(rows);
        expect(lines).toContain(`${t.name.padEnd(22)} ${String(rows).padStart(8)}`);
      }
    } finally {
      await copied.close();
    }
    const audit = await countRows(source.deps.store.db, 'audit_log');
    await expect(copy('--from', sourceFile, '--to', file, '--force')).rejects.toThrow(`${file} already has ${audit} audit_log rows, which are append-only and cannot be replaced: copy into a new, empty database`);
    await expect(copy('--from', path.join(scratch, 'missing.db'), '--to', file)).rejects.toThrow('missing.db does not exist');
  });

  it('SQLite to PostgreSQL: the API answers the same, and the copy takes new writes', async ({ skip }) => {
    if (!testDatabaseUrl()) skip(NO_POSTGRES);
    const pg = await createTestDatabase();
    targets.push(pg);
    const lines = await copy('--from', sourceFile, '--to', pg.url);
    expect(lines[0]).toBe(`Copying ${sourceFile} to ${pg.url.replace(/:[^:@/]+@/, '@')}`);
    expect(lines).toContain(`${'audit_log'.padEnd(22)} ${String(await countRows(source.deps.store.db, 'audit_log')).padStart(8)}`);

    const copied = await createTestApp({ ...appEnv(), DATABASE_URL: pg.url });
    try {
      expect(copied.deps.store.location).toEqual({ kind: 'postgres', url: pg.url });
      const expected = await answers(source);
      expect(JSON.stringify(expected).length).toBeGreaterThan(20_000); // articles, history, terms, memory, audit: not a few empty lists
      expect(await answers(copied)).toEqual(expected);
      // auto-numbered rows continue after the copied ones
      const auditBefore = (await copied.app.inject({ url: '/api/audit', headers: as(admin) })).json().entries as { action: string }[];
      const created = await copied.app.inject({ method: 'POST', url: '/api/terms', headers: as(admin), payload: { vi: 'Luông Phabang', en: 'Luang Prabang' } });
      expect(created.statusCode).toBe(201);
      const auditAfter = (await copied.app.inject({ url: '/api/audit', headers: as(admin) })).json().entries as { action: string }[];
      expect(auditAfter).toHaveLength(auditBefore.length + 1);
      expect(auditAfter[0]!.action).toBe('term.create');
    } finally {
      await copied.close();
    }
  });

  it('PostgreSQL back to a SQLite file gives the same rows', async ({ skip }) => {
    if (!testDatabaseUrl()) skip(NO_POSTGRES);
    const pg = await createTestDatabase();
    targets.push(pg);
    await copy('--from', sourceFile, '--to', pg.url);
    const file = path.join(scratch, 'back.db');
    await copy('--from', pg.url, '--to', file);
    const back = await createStore({ filename: file });
    try {
      const { db } = source.deps.store;
      for (const t of await tablesInCopyOrder(db)) {
        const order = t.columns.some((c) => c.name === 'id') ? 'id' : t.columns[0]!.name;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const rows = (d: typeof db) => (d as any).selectFrom(t.name).selectAll().orderBy(order).execute();
        expect(await rows(back.db), t.name).toEqual(await rows(db));
      }
    } finally {
      await back.close();
    }
  });
});
