import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { closeDeps, createDeps } from '../../src/deps.ts';
import { addUser } from '../../src/services/accounts.ts';
import { startRefusal } from '../../src/services/start-check.ts';
import { PASSWORD, signIn, userSession } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
afterEach(async () => t?.close());

const importBody = { title: 'Hòa Bình', text: 'Tỉnh Hòa Bình tăng cường hợp tác đối ngoại năm 2020.' };

describe('single-user mode and sign-in', () => {
  it('on the loopback without accounts nobody signs in; the first account makes sign-in required', async () => {
    t = await createTestApp();
    expect((await t.app.inject('/api/auth/me')).json()).toEqual({ mode: 'single-user', user: { id: null, name: 'editor', role: 'admin', via: 'local' } });
    expect((await t.app.inject({ method: 'POST', url: '/api/articles', payload: importBody })).statusCode).toBe(201);

    await addUser(t.deps, 'Nguyễn Lan', 'admin', PASSWORD);
    expect((await t.app.inject('/api/auth/me')).json()).toEqual({ mode: 'accounts', user: null });
    const res = await t.app.inject({ method: 'POST', url: '/api/articles', payload: importBody });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('ERR_AUTH_REQUIRED');
    expect((await t.app.inject('/api/articles')).statusCode).toBe(401);
  });

  it('a wrong password and an unknown name get the same answer', async () => {
    t = await createTestApp();
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'lan', password: 'sai-mật-khẩu-rồi' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'không-có', password: 'sai-mật-khẩu-rồi' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('sets an httpOnly SameSite=Lax session cookie, Secure only over https behind a trusted proxy', async () => {
    t = await createTestApp({ WORKBENCH_TRUST_PROXY: 'true' });
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    const plain = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'lan', password: PASSWORD } });
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/^wb_session=wbs_[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const https = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { name: 'lan', password: PASSWORD } });
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    // Only a hash of the cookie is stored.
    const value = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await t.deps.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(value);
    expect(rows).toHaveLength(2);
  });

  it('sign-out ends the session, sign-out everywhere ends them all', async () => {
    t = await createTestApp();
    const a = await userSession(t.app, t.deps, 'lan', 'translator');
    const b = await signIn(t.app, 'lan', PASSWORD);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { origin: 'http://localhost:80', cookie: a } });
    expect(me.json().user).toMatchObject({ name: 'lan', role: 'translator', via: 'session' });

    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: 'http://localhost:80', cookie: a } })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: a } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: b } })).statusCode).toBe(200);

    const c = await signIn(t.app, 'lan', PASSWORD);
    const all = await t.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { origin: 'http://localhost:80', cookie: c } });
    expect(all.json()).toEqual({ ended: 2 });
    for (const s of [b, c]) expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: s } })).statusCode).toBe(401);
  });

  it('a session ends after the idle time and after the absolute lifetime', async () => {
    t = await createTestApp({ WORKBENCH_SESSION_IDLE_MINUTES: '30', WORKBENCH_SESSION_MAX_HOURS: '8' });
    const a = await userSession(t.app, t.deps, 'lan', 'translator');
    const b = await signIn(t.app, 'lan', PASSWORD);
    const [ra, rb] = await t.deps.store.db.selectFrom('sessions').select(['id_hash', 'created_at']).orderBy('created_at').execute();
    // a: last seen 31 minutes ago; b: seen just now but created past its absolute expiry
    await t.deps.store.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id_hash', '=', ra!.id_hash).execute();
    await t.deps.store.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id_hash', '=', rb!.id_hash).execute();
    expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: a } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: b } })).statusCode).toBe(401);
    expect(await t.deps.store.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('limits sign-in attempts per account and per address', async () => {
    t = await createTestApp({ WORKBENCH_LOGIN_MAX_PER_ACCOUNT: '3', WORKBENCH_LOGIN_MAX_PER_ADDRESS: '5' });
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    const login = (name: string, password: string, ip = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { name, password } });
    for (let i = 0; i < 3; i++) expect((await login('lan', 'sai-mật-khẩu-rồi', `127.0.0.${i + 2}`)).statusCode).toBe(401);
    // the fourth attempt on this account is refused even with the right password, from a fresh address
    const limited = await login('lan', PASSWORD, '127.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('ERR_AUTH_RATE_LIMITED');
    // per address: five attempts on different names, then the sixth is refused
    for (let i = 0; i < 5; i++) expect((await login(`ai-${i}`, 'sai-mật-khẩu-rồi', '127.0.0.20')).statusCode).toBe(401);
    expect((await login('ai-x', 'sai-mật-khẩu-rồi', '127.0.0.20')).statusCode).toBe(429);
  });

  it('counts failed sign-ins in the store, so a second server instance on the same data refuses too', async () => {
    t = await createTestApp({ WORKBENCH_LOGIN_MAX_PER_ACCOUNT: '3' });
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    const other = await createDeps(t.deps.config, { filename: t.deps.store.location.kind === 'sqlite' ? t.deps.store.location.file : '' });
    const second = await buildApp(other, { logger: false, frontendDist: path.join(t.dataDir, 'no-frontend') });
    try {
      const login = (app: FastifyInstance, password: string, ip: string) => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { name: 'lan', password } });
      // two failures on one instance, the third on the other: the account's limit is reached for both
      expect((await login(t.app, 'sai-mật-khẩu-rồi', '127.0.0.2')).statusCode).toBe(401);
      expect((await login(t.app, 'sai-mật-khẩu-rồi', '127.0.0.3')).statusCode).toBe(401);
      expect((await login(second, 'sai-mật-khẩu-rồi', '127.0.0.4')).statusCode).toBe(401);
      const refused = await login(t.app, PASSWORD, '127.0.0.5');
      expect(refused.statusCode).toBe(429);
      // the window is 15 minutes from the oldest of the three failures
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect((await login(second, PASSWORD, '127.0.0.6')).statusCode).toBe(429);
    } finally {
      await second.close();
      await closeDeps(other);
    }
  });

  it('a disabled user cannot sign in and loses their sessions; their history stays', async () => {
    t = await createTestApp();
    const admin = await userSession(t.app, t.deps, 'admin', 'admin');
    const lan = await userSession(t.app, t.deps, 'lan', 'translator');
    const users = (await t.app.inject({ url: '/api/users', headers: { origin: 'http://localhost:80', cookie: admin } })).json().users as { id: string; name: string }[];
    const id = users.find((u) => u.name === 'lan')!.id;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { origin: 'http://localhost:80', cookie: admin }, payload: { disabled: true } });
    expect(res.json().user).toMatchObject({ name: 'lan', disabled: true });
    expect((await t.app.inject({ url: '/api/articles', headers: { origin: 'http://localhost:80', cookie: lan } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'lan', password: PASSWORD } })).statusCode).toBe(401);
    // the last admin can be neither disabled nor demoted
    const adminId = users.find((u) => u.name === 'admin')!.id;
    const last = await t.app.inject({ method: 'PATCH', url: `/api/users/${adminId}`, headers: { origin: 'http://localhost:80', cookie: admin }, payload: { role: 'reader' } });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('ERR_USER_LAST_ADMIN');
  });
});

describe('personal API tokens', () => {
  it('are shown once, stored hashed, carry a scope, and stop working when revoked', async () => {
    t = await createTestApp();
    const cookie = await userSession(t.app, t.deps, 'lan', 'translator');
    const write = (await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { origin: 'http://localhost:80', cookie }, payload: { name: 'script', scope: 'write', days: 30 } })).json();
    const read = (await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { origin: 'http://localhost:80', cookie }, payload: { name: 'dashboard', scope: 'read' } })).json();
    expect(write.token).toMatch(/^wbt_[\w-]{43}$/);
    const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });

    const created = await t.app.inject({ method: 'POST', url: '/api/articles', headers: bearer(write.token), payload: importBody });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject({ url: '/api/articles', headers: bearer(read.token) })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'POST', url: '/api/articles', headers: bearer(read.token), payload: importBody });
    expect(refused.statusCode).toBe(403);

    const listed = (await t.app.inject({ url: '/api/auth/tokens', headers: { origin: 'http://localhost:80', cookie } })).json().tokens;
    expect(listed.map((x: { name: string }) => x.name).sort()).toEqual(['dashboard', 'script']);
    expect(JSON.stringify(listed)).not.toContain(write.token);
    const stored = await t.deps.store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(write.token.slice(4));

    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${write.info.id}`, headers: { origin: 'http://localhost:80', cookie } })).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/articles', headers: bearer(write.token) });
    expect(revoked.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/articles', headers: bearer('wbt_made-up') })).statusCode).toBe(401);
  });

  it('an expired token is refused', async () => {
    t = await createTestApp();
    const cookie = await userSession(t.app, t.deps, 'lan', 'translator');
    const tok = (await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { origin: 'http://localhost:80', cookie }, payload: { name: 'old', days: 1 } })).json();
    await t.deps.store.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await t.app.inject({ url: '/api/articles', headers: { authorization: `Bearer ${tok.token}` } })).statusCode).toBe(401);
  });
});

describe('start-up off the loopback', () => {
  it('refuses without an enabled admin and says how to create one', async () => {
    t = await createTestApp({ HOST: '0.0.0.0' });
    expect(await startRefusal(t.deps)).toMatch(/npm run user -- add <name> --role admin/);
    await addUser(t.deps, 'lan', 'translator', PASSWORD);
    expect(await startRefusal(t.deps)).not.toBeNull();
    await addUser(t.deps, 'quản-trị', 'admin', PASSWORD);
    expect(await startRefusal(t.deps)).toBeNull();
    // and there is no single-user mode off the loopback, even before any account existed
  });

  it('off the loopback there is no single-user mode', async () => {
    t = await createTestApp({ HOST: '192.168.1.10' });
    expect((await t.app.inject({ method: 'POST', url: '/api/articles', payload: importBody })).statusCode).toBe(401);
  });
});
