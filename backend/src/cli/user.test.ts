import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { checkPassword } from '../services/accounts.ts';
import { testStoreEnv, type TestStoreEnv } from '../../test/helpers/test-store.ts';
import { main } from './user.ts';

let dir = '';
let out = '';
let store: TestStoreEnv;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-user-cli-'));
  store = await testStoreEnv();
  vi.stubEnv('DATA_DIR', dir);
  for (const [k, v] of Object.entries(store.env)) vi.stubEnv(k, v);
  vi.stubEnv('LOG_LEVEL', 'silent');
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await store.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run user', () => {
  it('adds with a generated password, lists, changes the role and disables, recording each change', async () => {
    expect(await main(['add', 'Nguyễn Lan', '--role', 'admin', '--generate'])).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(out)![1]!;
    expect(await main(['add', 'minh', '--role', 'translator', '--generate'])).toBe(0);
    expect(await main(['set-role', 'minh', 'reviewer'])).toBe(0);
    expect(await main(['disable', 'minh'])).toBe(0);
    out = '';
    expect(await main(['list'])).toBe(0);
    expect(out).toBe('Nguyễn Lan\tadmin\nminh\treviewer\tdisabled\n');
    await expect(main(['disable', 'Nguyễn Lan'])).rejects.toThrow(/last enabled admin/);
    await expect(main(['add', 'x', '--role', 'boss'])).rejects.toThrow(/--role/);

    const deps = await createDeps(loadConfig());
    try {
      expect((await checkPassword(deps, 'Nguyễn Lan', password)).role).toBe('admin');
      const actions = (await deps.store.audit.list({})).map((r) => r.action).reverse();
      expect(actions).toEqual(['user.create', 'user.create', 'user.change', 'user.disable']);
    } finally {
      await closeDeps(deps);
    }
  });
});
