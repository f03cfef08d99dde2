import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTranslate, startScriptedModelServer, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';
import { testStoreEnv, type TestStoreEnv } from '../../test/helpers/test-store.ts';

const run = promisify(execFile);
const CLI = path.join(import.meta.dirname, 'translate.ts');
const ARTICLE = 'Hòa Bình đẩy mạnh đối ngoại\n\nNgày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại.\n\nTỉnh tiếp tục hợp tác với tỉnh Luông Phabang và Hủa Phăn (Lào).\n';

let server: ScriptedModelServer;
let dir: string;
let store: TestStoreEnv;
beforeAll(async () => {
  server = await startScriptedModelServer();
  store = await testStoreEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-cli-'));
  fs.writeFileSync(path.join(dir, 'article.txt'), ARTICLE);
});
afterAll(async () => {
  await server.close();
  await store.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && !k.startsWith('WORKBENCH_')));
  return run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...clean, DATA_DIR: path.join(dir, 'data'), ...store.env, ...env }, timeout: 30_000 })
    .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

describe('npm run translate', () => {
  it('says what to set when no model is configured', async () => {
    const r = await cli([path.join(dir, 'article.txt')], {});
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^No model is configured\. Set OPENAI_API_KEY/);
    expect(r.stdout).toBe('');
  });

  it('prints the English translation as Markdown, with progress on stderr', async () => {
    const r = await cli([path.join(dir, 'article.txt')], { OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1' });
    expect(r.stderr).toContain('translate [##############################] 3/3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(fakeTranslate('Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại.'));
    expect(r.stdout).toContain(fakeTranslate('Tỉnh tiếp tục hợp tác với tỉnh Luông Phabang và Hủa Phăn (Lào).'));
    expect(server.requests).toHaveLength(3);
  });
});
