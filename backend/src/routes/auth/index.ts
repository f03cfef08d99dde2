/** Sign in and out, the current user, and personal API tokens. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, isSingleUserMode, noteAudit, SESSION_COOKIE } from '../../auth/guard.ts';
import { Errors } from '../../errors.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { ApiToken, CreatedToken, CreateTokenBody, LoginBody, Me } from '../../schemas/office.ts';
import type { Role } from '../../auth/roles.ts';
import { countLoginFailure, loginRefusalMs } from '../../services/login-limits.ts';
import { checkPassword, closeAllSessions, closeSession, createToken, listTokens, openSession, revokeToken } from '../../services/accounts.ts';

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  // Failed attempts are counted per address and per account name in the store (every server instance sees them);
  // once either limit is reached, every attempt on that key is refused until the window has moved on.
  const limits = (req: FastifyRequest) => [
    { key: `ip:${req.ip}`, max: deps.config.WORKBENCH_LOGIN_MAX_PER_ADDRESS },
    { key: `name:${String((req.body as { name?: unknown } | undefined)?.name ?? '').normalize('NFC').trim().toLowerCase()}`, max: deps.config.WORKBENCH_LOGIN_MAX_PER_ACCOUNT },
  ];

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => {
    const single = await isSingleUserMode(deps);
    const a = req.actor;
    return { mode: single ? 'single-user' : 'accounts', user: a ? { id: a.id, name: a.name, role: a.role, via: a.via } : null } as const;
  });

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: LoginBody, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } } }, async (req, reply) => {
    const name = req.body.name;
    noteAudit(req, { action: 'auth.login_failed', user: name, entity: 'user', onFailure: true, detail: { name } });
    const waitMs = await loginRefusalMs(deps.store.db, limits(req));
    if (waitMs > 0) {
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new Errors.LoginRateLimited(`${Math.ceil(waitMs / 60_000)} min`);
    }
    const user = await checkPassword(deps, name, req.body.password).catch(async (err: unknown) => {
      await countLoginFailure(deps.store.db, limits(req).map((l) => l.key));
      throw err;
    });
    const { cookie } = await openSession(deps, user, req.ip);
    reply.setCookie(SESSION_COOKIE, cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      maxAge: deps.config.WORKBENCH_SESSION_MAX_HOURS * 3600,
    });
    noteAudit(req, { action: 'auth.login', user: user.name, entityId: user.id, onFailure: false, detail: { name: user.name } });
    return { mode: 'accounts', user: { id: user.id, name: user.name, role: user.role as Role, via: 'session' } } as const;
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await closeSession(deps, cookie);
    noteAudit(req, { entity: 'user', entityId: req.actor?.id ?? undefined, detail: {} });
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
  });

  app.post('/api/auth/logout-all', { schema: { tags: ['auth'], response: { 200: z.object({ ended: z.number() }), 401: ErrorBody } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (!actor.id) throw new Errors.MalformedInput('There are no accounts on this workbench: nobody is signed in');
    const ended = await closeAllSessions(deps, actor.id);
    noteAudit(req, { entity: 'user', entityId: actor.id, detail: { ended } });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ended };
  });

  app.get('/api/auth/tokens', { schema: { tags: ['auth'], response: { 200: z.object({ tokens: z.array(ApiToken) }) } } }, async (req) => {
    const actor = actorOf(req);
    return { tokens: actor.id ? await listTokens(deps, actor.id) : [] };
  });

  app.post('/api/auth/tokens', { schema: { tags: ['auth'], body: CreateTokenBody, response: { 201: CreatedToken, 400: ErrorBody } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (!actor.id) throw new Errors.MalformedInput('API tokens belong to accounts: create a user with `npm run user -- add <name> --role admin` first');
    if (actor.via === 'token') throw new Errors.Forbidden('Create API tokens from a signed-in session, not with another token');
    const created = await createToken(deps, actor.id, req.body.name, req.body.scope, req.body.days);
    noteAudit(req, { entity: 'token', entityId: created.info.id, after: created.info });
    return reply.code(201).send(created);
  });

  app.delete('/api/auth/tokens/:id', { schema: { tags: ['auth'], params: z.object({ id: z.string().min(1).max(100) }), response: { 204: z.null(), 404: ErrorBody } } }, async (req, reply) => {
    const actor = actorOf(req);
    await revokeToken(deps, actor.id ?? '', req.params.id);
    return reply.code(204).send(null);
  });
};
