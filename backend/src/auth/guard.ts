/**
 * The request guard and the audit hook. Every /api route is checked against the access table (route-access.ts) in one
 * onRequest hook, before its body is read, so a refused caller cannot make the server parse an upload; and every
 * successful write (and every audited read, such as an export) is recorded in one onSend hook, so routes added later
 * are audited without doing anything. Routes add before/after with `noteAudit`.
 *
 * Single-user mode: on a loopback HOST with no accounts at all, every caller is the local editor with every right,
 * exactly as before accounts existed. Once one account exists, sign-in is required.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { actorForSession, actorForToken } from '../services/accounts.ts';
import { isArticleApproved } from '../services/articles.ts';
import { recordAudit } from '../services/audit.ts';
import { accessFor, isApiRoute } from './route-access.ts';
import { atLeast, isLoopbackHost, type Actor } from './roles.ts';

export const SESSION_COOKIE = 'wb_session';

/** What a route adds to its audit record. `onFailure`: record even when the answer is an error (failed sign-ins). */
export interface AuditNote {
  action?: string;
  user?: string | null;
  entity?: string;
  entityId?: string;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  onFailure?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    auditNote: AuditNote | undefined;
  }
}

/** Add details to the audit record of this request. */
export function noteAudit(req: FastifyRequest, note: AuditNote): void {
  req.auditNote = { ...req.auditNote, ...note };
}

/** The signed-in actor; routes behind a role always have one (the guard ran). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Errors.AuthRequired('this action needs a signed-in user');
  return req.actor;
}

const LOCAL_ACTOR: Actor = { id: null, name: 'editor', role: 'admin', via: 'local' };

/** True when the workbench runs without accounts: loopback only, and no user exists yet. */
export async function isSingleUserMode(deps: Pick<Deps, 'config' | 'store'>): Promise<boolean> {
  return isLoopbackHost(deps.config.HOST) && (await deps.store.accounts.countUsers()) === 0;
}

async function identify(deps: Deps, req: FastifyRequest): Promise<Actor | null> {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const actor = m ? await actorForToken(deps, m[1]!) : undefined;
    if (!actor) throw new Errors.AuthRequired('the API token is unknown, revoked or expired');
    return actor;
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const actor = await actorForSession(deps, cookie);
    if (actor) return actor;
  }
  return (await isSingleUserMode(deps)) ? LOCAL_ACTOR : null;
}

/** Install the guard and the audit hook on the app (before the routes are registered). */
export function installGuard(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('auditNote', undefined);

  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url || !isApiRoute(url)) return;
    const access = accessFor(req.method, url) ?? { role: 'admin' as const };
    req.actor = await identify(deps, req);
    if (access.role === 'public') return;
    const actor = req.actor;
    if (!actor) throw new Errors.AuthRequired('sign in, or send a personal API token as "Authorization: Bearer <token>"');
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (actor.scope === 'read' && !reading) throw new Errors.Forbidden('This API token may only read: create a token with the "write" scope');
    if (!atLeast(actor.role, access.role)) {
      throw new Errors.Forbidden(`${req.method} ${url} needs the ${access.role} role; ${actor.name} is ${actor.role}`);
    }
    const id = (req.params as { id?: string } | undefined)?.id;
    // A reader sees approved work only; anything else does not exist for them (no hint of drafts).
    if (access.approvedOnly && actor.role === 'reader' && id && !(await isArticleApproved(deps, id))) throw new Errors.ArticleNotFound(id);
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const url = req.routeOptions.url;
    if (!url || !isApiRoute(url)) return payload;
    const access = accessFor(req.method, url);
    const note = req.auditNote;
    const reading = req.method === 'GET' || req.method === 'HEAD';
    const ok = reply.statusCode < 400;
    if (!((ok && (reading ? access?.audit : !access?.readOnly)) || note?.onFailure)) return payload;
    const m = /^\/api\/([\w-]+)(?:\/:id)?/.exec(url);
    const params = req.params as { id?: string } | undefined;
    const entity = note?.entity ?? (m ? m[1]!.replace(/s$/, '') : null);
    const entityId = note?.entityId ?? params?.id ?? null;
    const body = req.isMultipart() ? '[multipart upload]' : req.body;
    await recordAudit(deps, {
      user: note?.user !== undefined ? note.user : (req.actor?.name ?? null),
      address: req.ip,
      action: note?.action ?? access?.action ?? `${req.method} ${url}`,
      entity,
      entityId,
      articleId: note?.articleId !== undefined ? note.articleId : entity === 'article' ? entityId : null,
      before: note?.before,
      after: note?.after,
      detail: note?.detail ?? { method: req.method, route: url, status: reply.statusCode, query: req.query, body },
    });
    return payload;
  });
}
