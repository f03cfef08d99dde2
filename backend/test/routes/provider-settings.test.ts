/**
 * Provider settings from the admin page: the API key is write-only, sealed at rest with a key kept outside the
 * database (DATA_DIR/secret.key, mode 0600), applied without a restart, overridden by environment variables, and
 * checked by a "Test connection" call against the scripted OpenAI-compatible server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeps, closeDeps } from '../../src/deps.ts';
import { loadConfig } from '../../src/config.ts';
import { ownTables } from '../../src/storage/dialect.ts';
import { userSession } from '../helpers/accounts.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../helpers/scripted-model-server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const KEY = 'sk-provider-settings-test-5e1f0c';
/** Every row of every table of the app's store, as text. */
async function everyRow(app: TestApp): Promise<string> {
  const { db } = app.deps.store;
  const tables = await ownTables(db);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = await Promise.all(tables.map((table) => (db as any).selectFrom(table.name).selectAll().execute()));
  return JSON.stringify(rows);
}

let t: TestApp;
let model: ScriptedModelServer | undefined;
afterEach(async () => {
  await t?.close();
  await model?.close();
  model = undefined;
});

describe('provider settings', () => {
  it('keeps the API key write-only and sealed, applies the settings at once, and tests the connection', async () => {
    model = await startScriptedModelServer({ script: () => ({ content: 'OK' }) });
    t = await createTestApp();
    const admin = await userSession(t.app, t.deps, 'quản-trị', 'admin');
    const saved = await t.app.inject({ method: 'PUT', url: '/api/settings/provider', headers: { origin: 'http://localhost:80', cookie: admin }, payload: { baseUrl: model.baseURL, apiKey: KEY, model: 'scripted-model', concurrency: 2, priceInput: 0.5, priceOutput: 1.5 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ baseUrl: model.baseURL, model: 'scripted-model', concurrency: 2, apiKeySet: true, fromEnv: [], updatedBy: 'quản-trị' });
    expect(saved.body).not.toContain(KEY);
    expect((await t.app.inject({ url: '/api/settings/provider', headers: { origin: 'http://localhost:80', cookie: admin } })).body).not.toContain(KEY);
    expect((await t.app.inject('/api/health')).json().model).toMatchObject({ configured: true, model: 'scripted-model' });

    const test = await t.app.inject({ method: 'POST', url: '/api/settings/provider/test', headers: { origin: 'http://localhost:80', cookie: admin } });
    expect(test.json()).toMatchObject({ ok: true, model: 'scripted-model' });
    expect(model.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);

    // sealed at rest: neither the database (every row of every table; on SQLite the file's bytes, freed pages and
    // write-ahead log included) nor the audit trail holds the key; the seal key is owner-only
    const stored = await everyRow(t);
    expect(stored).toContain('"api_key_enc":"v1.');
    expect(stored).not.toContain(KEY);
    const where = t.deps.store.location;
    if (where.kind === 'sqlite') {
      const dbText = fs.readFileSync(where.file).toString('latin1') + (fs.existsSync(`${where.file}-wal`) ? fs.readFileSync(`${where.file}-wal`).toString('latin1') : '');
      expect(dbText.includes(KEY)).toBe(false);
    }
    const row = await t.deps.store.db.selectFrom('provider_settings').selectAll().executeTakeFirstOrThrow();
    expect(row.api_key_enc).toMatch(/^v1\./);
    expect(fs.statSync(path.join(t.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const audit = (await t.app.inject({ url: '/api/audit?action=settings', headers: { origin: 'http://localhost:80', cookie: admin } })).json().entries;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['settings.provider', 'settings.provider_test']);
    expect(JSON.stringify(audit)).not.toContain(KEY);

    // a restart reads the sealed key back
    const again = await createDeps(loadConfig({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', ...(where.kind === 'postgres' ? { DATABASE_URL: where.url } : {}) }), { filename: path.join(t.dataDir, 'test.db') });
    expect(again.config).toMatchObject({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: model.baseURL, WORKBENCH_MODEL: 'scripted-model', WORKBENCH_CONCURRENCY: 2, modelConfigured: true });
    await closeDeps(again);
  });

  it("reports the provider's refusal in plain words without the key", async () => {
    model = await startScriptedModelServer({ script: () => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } }) });
    t = await createTestApp();
    const admin = await userSession(t.app, t.deps, 'quản-trị', 'admin');
    await t.app.inject({ method: 'PUT', url: '/api/settings/provider', headers: { origin: 'http://localhost:80', cookie: admin }, payload: { baseUrl: model.baseURL, apiKey: KEY } });
    const test = await t.app.inject({ method: 'POST', url: '/api/settings/provider/test', headers: { origin: 'http://localhost:80', cookie: admin } });
    expect(test.json()).toMatchObject({ ok: false, message: 'The provider refused the API key (401): check the key' });
    expect(test.body).not.toContain(KEY);
  });

  it('environment variables win and the page says which', async () => {
    t = await createTestApp({ WORKBENCH_MODEL: 'from-env-model', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const admin = await userSession(t.app, t.deps, 'quản-trị', 'admin');
    const saved = (await t.app.inject({ method: 'PUT', url: '/api/settings/provider', headers: { origin: 'http://localhost:80', cookie: admin }, payload: { model: 'from-page', timeoutMs: 5000 } })).json();
    expect(saved).toMatchObject({ model: 'from-env-model', timeoutMs: 5000, fromEnv: ['OPENAI_BASE_URL', 'WORKBENCH_MODEL'] });
    const translator = await userSession(t.app, t.deps, 'lan', 'translator');
    expect((await t.app.inject({ url: '/api/settings/provider', headers: { origin: 'http://localhost:80', cookie: translator } })).statusCode).toBe(403);
  });
});
