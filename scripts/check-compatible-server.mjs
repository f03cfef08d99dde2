#!/usr/bin/env node
/**
 * `node scripts/check-compatible-server.mjs`: drive the workbench with an OpenAI-compatible server it did not write
 * (mock-llm, fetched from the npm registry with npx). The server answers by rules that match the text inside
 * <source>, so a translation only comes back for a request that carried that segment's source. Its first answer is a
 * 429 without Retry-After and one segment has no rule (500 every time). Prints what happened and exits 1 if the
 * workbench did not: translate the matched segments, survive the 429, mark the unmatched one failed (job partial),
 * and serve an unchanged re-run from its cache with no requests.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.MOCK_LLM_PORT ?? 6556);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-compat-'));
const reply = (text) =>
  `'${JSON.stringify({ id: 'c', object: 'chat.completion', model: 'mock', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}'`;
const SEGMENTS = [
  ['Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.', 'On 6 January 2017, the Standing Board of the Provincial Party Committee issued Resolution No. 12-NQ/TU.'],
  ['3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.', 'Over the past three years, the province attracted 16 FDI projects with total investment of USD 272.303 million.'],
  ['Năm 2019, kim ngạch xuất khẩu đạt 790,84 triệu USD.', 'In 2019, export turnover reached USD 790.84 million.'],
];
const UNMATCHED = 'Trên địa bàn tỉnh hiện có 45 doanh nghiệp hoạt động lĩnh vực XNK.';
const rule = (source, text) => `  - path: "/v1/chat/completions"
    match: "contains(body.messages[-1].content, '<source>\\n${source.slice(0, 14)}')"
    response:
      status: 200
      content: ${reply(text)}`;
fs.writeFileSync(path.join(dir, 'mock-llm.yaml'), `rules:
  - path: "/v1/chat/completions"
    match: "@"
    response:
      status: 500
      content: '{"error":{"message":"no rule for this text","type":"server_error"}}'
${SEGMENTS.map(([s, t]) => rule(s, t)).join('\n')}
  - path: "/v1/chat/completions"
    sequence: 0
    response:
      status: 429
      content: '{"error":{"message":"rate limited","type":"rate_limit_error"}}'
`);
fs.writeFileSync(path.join(dir, 'article.txt'), [...SEGMENTS.map(([s]) => s), UNMATCHED].join('\n\n'));

let requests = 0;
const server = spawn('npx', ['--yes', '@dwmkerr/mock-llm@0.1.29'], { cwd: dir, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, detached: true });
server.stdout.on('data', (c) => (requests += (String(c).match(/POST \/v1\/chat\/completions/g) ?? []).length));
const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/v1/models`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('mock-llm did not start within 60 s');
}

function translate() {
  return new Promise((resolve) => {
    let out = '';
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), OPENAI_API_KEY: 'x', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, WORKBENCH_MODEL: 'mock', WORKBENCH_MAX_RETRIES: '2', WORKBENCH_CONCURRENCY: '2' };
    const cli = spawn(process.execPath, ['scripts/run-ts.mjs', 'backend/src/cli/translate.ts', path.join(dir, 'article.txt')], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
    cli.stdout.on('data', (c) => (out += c));
    cli.on('close', (code) => resolve({ code, out }));
  });
}

await waitForServer();
const first = await translate();
const afterFirst = requests;
const second = await translate();
const checks = [
  ...SEGMENTS.map(([s, t]) => [`"${s.slice(0, 30)}…" translated from its own request`, first.out.includes(t)]),
  ['the unmatched segment is exported as [not translated]', (first.out.match(/\[not translated\]/g) ?? []).length === 1],
  ['the job ended partial (exit code 1), not done', first.code === 1],
  ['the first 429 (no Retry-After) was retried', afterFirst > SEGMENTS.length + 1],
  ['the re-run made only the failed segment\'s requests', requests - afterFirst <= 3 && SEGMENTS.every(([, t]) => second.out.includes(t))],
];
console.log(`mock-llm requests: ${afterFirst} on the first run, ${requests - afterFirst} on the re-run`);
for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
stop();
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
