/**
 * The editor's biggest read under load: GET /api/articles/:id of a 301-segment, fully edited article (about 700 KB
 * of JSON) from the real server, started the way `npm start` starts it (scripts/run-ts.mjs, its own process, an
 * ephemeral port on 127.0.0.1), driven by autocannon with 50 connections for 20 s, each request as the editor's
 * browser sends it (Accept-Encoding: gzip, br). Target: p99 under 1 s and no timeouts or errors.
 * Then 10 s of re-reads that send the ETag back (If-None-Match), as the editor's revalidation does, and 10 s of full
 * reads while an editor saves a segment every 500 ms (each save changes the article, so the next read builds it anew).
 *
 *   npm run bench -- load      (LOAD_SECONDS and LOAD_CONNECTIONS change the main run; exits 1 when the target is missed)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { seedEditedArticle } from '../test/helpers/seed-article.ts';
import { benchEditedArticle } from './fixtures.ts';

const SEGMENTS = 301;
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const TIMEOUT_S = 10;
const TARGET_P99_MS = 1000;
const root = path.resolve(import.meta.dirname, '../..');
const EDITOR_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, br' };

interface Result {
  latency: { p50: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
  throughput: { total: number };
  timeouts: number;
  errors: number;
  non2xx: number;
  '2xx': number;
  '3xx': number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Poll /api/health until the server answers (at most 30 s). */
async function waitReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not answer /api/health within 30 s');
}

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err: Error | null, result: Result) => (err ? reject(err) : resolve(result)));
  });
}

async function main(): Promise<boolean> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-load-'));
  let server: ChildProcess | undefined;
  try {
    const deps = await createDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    const { sources, translations } = benchEditedArticle(SEGMENTS);
    const { articleId } = await seedEditedArticle(deps, 'Hòa Bình đẩy mạnh công tác đối ngoại (bản dài)', sources, translations);
    await closeDeps(deps);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The server's log goes nowhere: it is the default level (info), as `npm start` logs, but not this report.
    server = spawn(process.execPath, ['scripts/run-ts.mjs', 'backend/src/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(base, server);

    const url = `${base}/api/articles/${articleId}`;
    // One read as the browser makes it, to see what goes over the wire.
    const first = await fetch(url, { headers: { accept: 'application/json' } });
    const plain = Buffer.from(await first.arrayBuffer());
    const probe = await rawGet(url, EDITOR_HEADERS);
    const encoding = probe.headers['content-encoding'] ?? 'identity';
    const decoded = encoding === 'gzip' ? gunzipSync(probe.body) : encoding === 'br' ? brotliDecompressSync(probe.body) : probe.body;
    const etag = probe.headers.etag;
    const segments = (JSON.parse(plain.toString('utf8')) as { segments: unknown[] }).segments.length;
    // Warm-up: compiled code and caches, as in a server that has been running.
    await run({ url, connections: 4, amount: 40, headers: EDITOR_HEADERS, timeout: TIMEOUT_S });

    const main = await run({ url, connections: CONNECTIONS, duration: SECONDS, headers: EDITOR_HEADERS, timeout: TIMEOUT_S });
    const revalidate = etag
      ? await run({ url, connections: CONNECTIONS, duration: 10, headers: { ...EDITOR_HEADERS, 'if-none-match': String(etag) }, timeout: TIMEOUT_S })
      : undefined;

    // Reads while the article changes under them.
    const seg = (JSON.parse(plain.toString('utf8')) as { segments: { id: string; version: number }[] }).segments[7]!;
    let version = seg.version;
    let saves = 0;
    let saveErrors = 0;
    let saving = true;
    const editor = (async () => {
      while (saving) {
        const res = await fetch(`${base}/api/segments/${seg.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ translation: `Hòa Bình province, revision ${saves + 1}.`, version }),
        });
        if (res.ok) {
          version = ((await res.json()) as { version: number }).version;
          saves++;
        } else saveErrors++;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const churn = await run({ url, connections: CONNECTIONS, duration: 10, headers: EDITOR_HEADERS, timeout: TIMEOUT_S });
    saving = false;
    await editor;

    const met = main.latency.p99 < TARGET_P99_MS && main.timeouts === 0 && main.errors === 0 && main.non2xx === 0;
    const rows: [string, string][] = [
      ['article', `${segments} segments, ${(plain.length / 1024).toFixed(0)} KB of JSON`],
      ['one editor read (gzip, br)', `${encoding}, ${(probe.body.length / 1024).toFixed(0)} KB on the wire, decodes to the same JSON: ${decoded.equals(plain) ? 'yes' : 'NO'}`],
      ['ETag / Cache-Control', `${etag ?? 'none'} / ${probe.headers['cache-control'] ?? 'none'}`],
      [`full reads: ${CONNECTIONS} connections, ${SECONDS} s`, ''],
      ['  latency p50 / p99 / max', `${main.latency.p50} / ${main.latency.p99} / ${main.latency.max} ms (target p99 < ${TARGET_P99_MS} ms)`],
      ['  requests/s (average), total', `${main.requests.average.toFixed(1)}, ${main['2xx']} answered 2xx`],
      ['  timeouts / errors / non-2xx', `${main.timeouts} / ${main.errors} / ${main.non2xx} (target 0 / 0 / 0)`],
      ['  bytes read', `${(main.throughput.total / 1024 / 1024).toFixed(1)} MB (${(main.throughput.total / Math.max(1, main['2xx']) / 1024).toFixed(0)} KB per answer)`],
      ['  target', met ? 'MET' : 'MISSED'],
    ];
    if (revalidate) {
      rows.push(
        [`re-reads with If-None-Match: ${CONNECTIONS} connections, 10 s`, ''],
        ['  latency p50 / p99 / max', `${revalidate.latency.p50} / ${revalidate.latency.p99} / ${revalidate.latency.max} ms`],
        ['  requests/s, 304s', `${revalidate.requests.average.toFixed(1)}, ${revalidate['3xx']} of ${revalidate.requests.total}`],
        ['  timeouts / errors', `${revalidate.timeouts} / ${revalidate.errors}`],
      );
    }
    rows.push(
      [`full reads while an editor saves every 500 ms: ${CONNECTIONS} connections, 10 s`, ''],
      ['  latency p50 / p99 / max', `${churn.latency.p50} / ${churn.latency.p99} / ${churn.latency.max} ms`],
      ['  requests/s, saves (failed)', `${churn.requests.average.toFixed(1)}, ${saves} (${saveErrors})`],
      ['  timeouts / errors / non-2xx', `${churn.timeouts} / ${churn.errors} / ${churn.non2xx}`],
    );
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    return met;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A GET that keeps the raw (possibly compressed) body, which fetch would decode. */
async function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

process.exitCode = (await main()) ? 0 : 1;
