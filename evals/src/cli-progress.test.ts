/**
 * `--progress-json`: the line protocol the server follows when a run is started from the Evaluations page. Every line
 * on stdout is one JSON event (start, progress per item, saved), failures are counted in progress, and a run that
 * cannot start says why in an `error` event. `--database` stores the run in the named database file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSource, fakeTranslate, startScriptedModelServer, type ScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';
import { getEval } from '../../backend/src/services/evals.ts';
import { storeLocation } from '../../backend/src/storage/db.ts';
import { evalRunsRepository } from '../../backend/src/storage/kysely/evals-repository.ts';
import { openStoreAt, testStoreEnv, type TestStoreEnv } from '../../backend/test/helpers/test-store.ts';
import { runCli } from './cli.ts';

// real sentences of the Hoa Binh foreign-affairs article; the server refuses the second one
const LINES = [
  'Năm 2020, tỉnh Hòa Bình đón 15 đoàn khách quốc tế đến thăm và làm việc.',
  'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD.',
  'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh.',
];

let server: ScriptedModelServer;
let dir: string;
let store: TestStoreEnv;
const silent = { write: () => true, isTTY: false };
const env = () => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data'), ...store.env });

beforeAll(async () => {
  server = await startScriptedModelServer({
    script: (_req, ctx) => {
      const source = extractSource(ctx.userText);
      return source === LINES[1] ? { status: 400, body: { error: { message: 'scripted bad request', type: 'invalid_request_error' } } } : { content: fakeTranslate(source) };
    },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'evals-progress-'));
  store = await testStoreEnv();
});
afterAll(async () => {
  await server.close();
  await store.drop();
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const lines: string[] = [];
  const r = await runCli(argv, { env: env(), stderr: silent, stdout: { write: (s: string) => lines.push(s) } });
  return { r, events: lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('eval --progress-json', () => {
  it('writes start, one progress line per item with failures counted, and the saved id into --database', async () => {
    const file = path.join(dir, 'three.jsonl');
    await writeFile(file, LINES.map((vi, i) => JSON.stringify({ id: `hb-${i}`, vi, en: fakeTranslate(vi) })).join('\n'));
    const db = path.join(dir, 'elsewhere.db');
    const { r, events } = await run(['--dataset', file, '--prompt', 'translate@v1', '--out', path.join(dir, 'out'), '--save', '--database', db, '--progress-json', '--concurrency', '1']);
    expect(events[0]).toEqual({ event: 'start', items: 3, total: 3 });
    const progress = events.filter((e) => e.event === 'progress');
    expect(progress.map((e) => e.done)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toEqual({ event: 'progress', done: 3, total: 3, failed: 1, cached: 0 });
    expect(events.at(-1)).toEqual({ event: 'saved', id: r.savedId });
    // (a DATABASE_URL, in the PostgreSQL half, takes the place of any file)
    const saving = await openStoreAt(storeLocation({ filename: db, databaseUrl: store.env.DATABASE_URL }));
    try {
      const saved = await getEval(evalRunsRepository(saving.db), r.savedId!);
      expect(saved.items).toBe(3);
      expect(saved.runs[0]!.metrics.failed).toBe(1);
    } finally {
      await saving.close();
    }
  });

  it('a dataset that cannot be read ends with an error event naming the line', async () => {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'a', vi: LINES[0] })}\n{"id": "b"}\n`);
    const { r, events } = await run(['--dataset', file, '--out', path.join(dir, 'bad'), '--progress-json']);
    expect(r.exitCode).toBe(2);
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toBe('error');
    expect(events[0]!.message).toMatch(/bad\.jsonl line 2: vi:/);
  });
});
