/**
 * GET /api/articles/:id is served from a body built once per revision of the article: these tests hold it to the
 * article as it is now (ETag and 304, every kind of write invalidates it), to the compressed forms, and check that
 * compression leaves server-sent events streaming.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/schemas/article.ts';
import { getArticle } from '../../src/services/articles.ts';
import { etagMatches, revalidateApiReads } from '../../src/routes/cached-reply.ts';
import { benchEditedArticle } from '../../bench/fixtures.ts';
import { seedEditedArticle } from '../helpers/seed-article.ts';
import { startScriptedModelServer, translatorScript, type ScriptedModelServer } from '../helpers/scripted-model-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { openStoreAt } from '../helpers/test-store.ts';

const SAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');

let model: ScriptedModelServer;
let t: TestApp;
beforeAll(async () => {
  model = await startScriptedModelServer();
  model.setScript(translatorScript);
  t = await createTestApp({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: model.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_MAX_RETRIES: '0' });
});
afterAll(async () => {
  await t.close();
  await model.close();
});

async function importSample(): Promise<{ id: string; segments: { id: string; version: number }[] }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: { text: SAMPLE } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

function read(id: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/articles/${id}`, headers });
}

/** What the service reads from the database right now, as JSON. */
async function fresh(id: string) {
  return JSON.parse(JSON.stringify(await getArticle(t.deps, id)));
}

describe('ETag and 304', () => {
  it('answers the article as stored with a strong ETag and no-cache, and a current If-None-Match with 304 and no body', async () => {
    const a = await importSample();
    const first = await read(a.id);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.json()).toEqual(await fresh(a.id));
    expect(Article.safeParse(first.json()).success).toBe(true);
    expect(first.json().segments[0].source.startsWith('(HBĐT) - Ngày 6/1/2017')).toBe(true);

    const again = await read(a.id, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    // A weak form of the same tag, or one of several, also matches; another article's tag does not.
    expect((await read(a.id, { 'if-none-match': `"nope", W/${first.headers.etag}` })).statusCode).toBe(304);
    const other = await importSample();
    expect((await read(other.id, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(200);
  });

  it.each([
    { name: 'no header', header: undefined, match: false },
    { name: 'the tag', header: '"abc"', match: true },
    { name: 'weak form', header: 'W/"abc"', match: true },
    { name: 'in a list', header: '"x", "abc"', match: true },
    { name: 'any', header: '*', match: true },
    { name: 'another tag', header: '"abd"', match: false },
    { name: 'unquoted', header: 'abc', match: false },
  ])('etagMatches: $name', ({ header, match }) => {
    expect(etagMatches(header, '"abc"')).toBe(match);
  });
});

describe('a changed article is never served from the old body', () => {
  const changes: { name: string; change: (a: { id: string; segments: { id: string; version: number }[] }) => Promise<void>; check: (body: Article) => void }[] = [
    {
      name: 'an editor saves a translation',
      change: async (a) => {
        const res = await t.app.inject({ method: 'PATCH', url: `/api/segments/${a.segments[2]!.id}`, payload: { translation: 'Hoa Binh hosted the Yamanashi delegation.', version: a.segments[2]!.version } });
        expect(res.statusCode).toBe(200);
      },
      check: (b) => expect(b.segments[2]!.translation).toBe('Hoa Binh hosted the Yamanashi delegation.'),
    },
    {
      name: 'an editor approves a segment (status only)',
      change: async (a) => {
        const seg = a.segments[3]!;
        const edit = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { translation: 'The province welcomed partners.', version: seg.version } });
        const approve = await t.app.inject({ method: 'PATCH', url: `/api/segments/${seg.id}`, payload: { status: 'approved', version: edit.json().version, qaOverride: { reason: 'a shortened lead, agreed with the desk' } } });
        expect(approve.statusCode).toBe(200);
      },
      check: (b) => expect(b.segments[3]!.status).toBe('approved'),
    },
    {
      name: 'a translation job writes a machine draft',
      change: async (a) => {
        await t.deps.store.segments.update(a.segments[4]!.id, { machine_translation: 'Machine draft.', status: 'translated', origin: 'model' });
      },
      check: (b) => expect(b.segments[4]!.machineTranslation).toBe('Machine draft.'),
    },
    {
      name: 'a job starts (article status)',
      change: async (a) => t.deps.store.articles.setStatus(a.id, 'translating'),
      check: (b) => expect(b.status).toBe('translating'),
    },
    {
      name: 'another process writes to the same database (the translate CLI)',
      change: async (a) => {
        const other = await openStoreAt(t.deps.store.location);
        try {
          await other.segments.update(a.segments[5]!.id, { translation: 'Written by another process.', status: 'edited' });
        } finally {
          await other.close();
        }
      },
      check: (b) => expect(b.segments[5]!.translation).toBe('Written by another process.'),
    },
  ];

  it.each(changes)('$name', async ({ change, check }) => {
    const a = await importSample();
    const before = await read(a.id);
    // Read twice so the body is cached, not merely built.
    expect((await read(a.id, { 'if-none-match': before.headers.etag as string })).statusCode).toBe(304);
    await change(a);
    const after = await read(a.id, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    check(after.json());
    expect(after.json()).toEqual(await fresh(a.id));
  });

  it('answers 404 once the article is deleted, though its body was cached', async () => {
    const a = await importSample();
    expect((await read(a.id)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/articles/${a.id}` })).statusCode).toBe(204);
    const gone = await read(a.id);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('ERR_ARTICLE_NOT_FOUND');
  });
});

describe('other API reads', () => {
  it('tag the list of articles by its body: 304 while it is unchanged, the new list once an article is added', async () => {
    await importSample();
    await importSample();
    const list = await t.app.inject('/api/articles');
    expect(list.statusCode).toBe(200);
    expect(list.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(list.headers['cache-control']).toBe('no-cache');
    const same = await t.app.inject({ url: '/api/articles', headers: { 'if-none-match': list.headers.etag as string, 'accept-encoding': 'gzip' } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers['content-encoding']).toBeUndefined();

    const added = await importSample();
    const after = await t.app.inject({ url: '/api/articles', headers: { 'if-none-match': list.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(list.headers.etag);
    expect(after.json().articles.map((a: { id: string }) => a.id)).toContain(added.id);
  });

  it('leave a reply a route marked no-store alone', async () => {
    const bare = Fastify();
    bare.addHook('onSend', revalidateApiReads);
    bare.get('/api/private', async (_req, reply) => reply.header('cache-control', 'no-store').send({ secret: 'bí mật '.repeat(300) }));
    bare.get('/api/public', async () => ({ text: 'công khai '.repeat(300) }));
    try {
      const priv = await bare.inject('/api/private');
      expect([priv.headers.etag, priv.headers['cache-control']]).toEqual([undefined, 'no-store']);
      const pub = await bare.inject('/api/public');
      expect([typeof pub.headers.etag, pub.headers['cache-control']]).toEqual(['string', 'no-cache']);
    } finally {
      await bare.close();
    }
  });

  it('leave small replies and errors untagged', async () => {
    expect((await t.app.inject('/api/health')).headers.etag).toBeUndefined();
    const missing = await t.app.inject('/api/articles/art_nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});

describe('compression', () => {
  it('sends a 301-segment edited article in br or gzip that decodes to the same JSON, a fraction of the size', async () => {
    const { sources, translations } = benchEditedArticle(301);
    const { articleId } = await seedEditedArticle(t.deps, 'Bài dài', sources, translations);
    const plain = await read(articleId);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.rawPayload.length).toBeGreaterThan(600_000);
    expect(plain.json().segments).toHaveLength(301);

    const br = await read(articleId, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);

    const gz = await read(articleId, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);

    expect((await read(articleId, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('compresses other large replies on the fly (the OpenAPI document)', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/docs/json' });
    const gz = await t.app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves server-sent events uncompressed and streaming: progress arrives while the job still runs', async () => {
    model.setLatency(400);
    const server = await listen();
    try {
      const a = await importSample();
      const start = await t.app.inject({ method: 'POST', url: `/api/articles/${a.id}/translate` });
      expect(start.statusCode).toBe(202);
      const { jobId } = start.json();
      const { headers, firstChunk } = await firstChunkOf(`${server}/api/jobs/${jobId}/events`, { 'accept-encoding': 'gzip, br' });
      expect(headers['content-encoding']).toBeUndefined();
      expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(firstChunk).toContain('event: progress');
      // The first event came while the job was still translating: nothing held it back until the end.
      expect((await t.app.inject(`/api/jobs/${jobId}`)).json().status).toBe('running');
      expect((await t.app.inject({ method: 'DELETE', url: `/api/jobs/${jobId}` })).statusCode).toBe(200);
    } finally {
      model.setLatency(0);
    }
  });
});

let listening: string | undefined;
async function listen(): Promise<string> {
  if (!listening) {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    listening = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }
  return listening;
}

/** Open `url` and resolve with the headers and the first chunk of the body, then hang up. */
function firstChunkOf(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; firstChunk: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ headers: res.headers, firstChunk: chunk.toString('utf8') });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('no event within 5 s')));
  });
}
