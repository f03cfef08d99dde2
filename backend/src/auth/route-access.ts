/**
 * Who may call each API route: one table, checked by one hook (auth/guard.ts). Every route under /api must be listed
 * (a test built from the OpenAPI document fails otherwise); an unlisted /api route is refused to all but admins.
 *
 * - `role`: the least role that may call it, or `public` (no sign-in needed).
 * - `approvedOnly`: a reader may call it only for an article whose every segment is approved.
 * - `audit`: also record a successful GET (downloads leave the office: exports are audited).
 * - `action`: the name in the audit trail (default `METHOD /path`).
 * - `readOnly`: a POST that changes nothing (a preview, a check): not recorded.
 */
import type { Role } from './roles.ts';

export interface RouteAccess {
  role: Role | 'public';
  approvedOnly?: boolean;
  audit?: boolean;
  action?: string;
  readOnly?: boolean;
}

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /api/health': { role: 'public' },
  // sign-in and the signed-in user's own things
  'GET /api/auth/me': { role: 'public' },
  'POST /api/auth/login': { role: 'public', action: 'auth.login' },
  'POST /api/auth/logout': { role: 'public', action: 'auth.logout' },
  'POST /api/auth/logout-all': { role: 'reader', action: 'auth.logout_all' },
  'GET /api/auth/tokens': { role: 'reader' },
  'POST /api/auth/tokens': { role: 'reader', action: 'token.create' },
  'DELETE /api/auth/tokens/:id': { role: 'reader', action: 'token.revoke' },
  // administration
  'GET /api/users': { role: 'admin' },
  'POST /api/users': { role: 'admin', action: 'user.create' },
  'PATCH /api/users/:id': { role: 'admin', action: 'user.change' },
  'GET /api/audit': { role: 'admin' },
  'GET /api/settings/provider': { role: 'admin' },
  'PUT /api/settings/provider': { role: 'admin', action: 'settings.provider' },
  'POST /api/settings/provider/test': { role: 'admin', action: 'settings.provider_test' },
  // articles
  'GET /api/articles': { role: 'reader' },
  'POST /api/articles': { role: 'translator', action: 'article.import' },
  'POST /api/articles/preview': { role: 'translator', readOnly: true },
  'GET /api/articles/:id': { role: 'reader', approvedOnly: true },
  'PATCH /api/articles/:id': { role: 'reviewer', action: 'article.assign' },
  'DELETE /api/articles/:id': { role: 'reviewer', action: 'article.delete' },
  'GET /api/articles/:id/history': { role: 'translator' },
  'GET /api/articles/:id/quality': { role: 'translator' },
  'POST /api/articles/:id/translate': { role: 'translator', action: 'article.translate' },
  'POST /api/articles/:id/brief': { role: 'translator', action: 'brief.generate' },
  'GET /api/articles/:id/brief': { role: 'reader', approvedOnly: true },
  'PUT /api/articles/:id/brief': { role: 'translator', action: 'brief.save' },
  'GET /api/articles/:id/runs': { role: 'translator' },
  'GET /api/articles/:id/jobs': { role: 'translator' },
  'GET /api/articles/:id/qa': { role: 'translator' },
  'GET /api/articles/:id/tm-matches': { role: 'translator' },
  'GET /api/articles/:id/export': { role: 'reader', approvedOnly: true, audit: true, action: 'article.export' },
  'GET /api/articles/:id/xliff': { role: 'translator', audit: true, action: 'article.export_xliff' },
  'POST /api/articles/:id/xliff': { role: 'reviewer', action: 'article.import_xliff' },
  'GET /api/articles/:id/events': { role: 'reader', approvedOnly: true },
  'GET /api/articles/:id/brief/versions': { role: 'translator' },
  'GET /api/articles/:id/brief/versions/:briefId': { role: 'translator' },
  'POST /api/articles/:id/brief/versions/:briefId/restore': { role: 'translator', action: 'brief.restore' },
  // segments
  'PATCH /api/segments/:id': { role: 'translator', action: 'segment.edit' },
  'GET /api/segments/:id/history': { role: 'translator' },
  'POST /api/segments/propagation/undo': { role: 'translator', action: 'segment.propagation_undo' },
  // jobs
  'GET /api/jobs/:id': { role: 'translator' },
  'DELETE /api/jobs/:id': { role: 'translator', action: 'job.cancel' },
  'POST /api/jobs/:id/resume': { role: 'translator', action: 'job.resume' },
  'GET /api/jobs/:id/events': { role: 'translator' },
  // prompts, QA, evals
  'GET /api/prompts': { role: 'translator' },
  'POST /api/qa/check': { role: 'translator', readOnly: true },
  'GET /api/evals': { role: 'translator' },
  'GET /api/evals/:id': { role: 'translator' },
  'GET /api/eval-datasets/corrections': { role: 'translator', audit: true, action: 'dataset.export' },
  'GET /api/eval-runs/options': { role: 'translator' },
  'GET /api/eval-runs': { role: 'translator' },
  'GET /api/eval-runs/:id': { role: 'translator' },
  'GET /api/eval-runs/:id/events': { role: 'translator' },
  'POST /api/eval-runs': { role: 'reviewer', action: 'eval.start' },
  'DELETE /api/eval-runs/:id': { role: 'reviewer', action: 'eval.cancel' },
  // termbase and memory
  'GET /api/terms': { role: 'translator' },
  'POST /api/terms': { role: 'admin', action: 'term.create' },
  'GET /api/terms/export': { role: 'translator', audit: true, action: 'term.export' },
  'POST /api/terms/import': { role: 'admin', action: 'term.import' },
  'GET /api/terms/:id': { role: 'translator' },
  'PATCH /api/terms/:id': { role: 'admin', action: 'term.change' },
  'DELETE /api/terms/:id': { role: 'admin', action: 'term.delete' },
  'GET /api/tm/lookup': { role: 'translator' },
  'GET /api/tm/units': { role: 'translator' },
  'PATCH /api/tm/units/:id': { role: 'reviewer', action: 'tm.change' },
  'DELETE /api/tm/units/:id': { role: 'reviewer', action: 'tm.delete' },
  'GET /api/tm/export': { role: 'translator', audit: true, action: 'tm.export' },
  'POST /api/tm/import': { role: 'admin', action: 'tm.import' },
};

/** The entry for a route as Fastify names it (`HEAD` reads like `GET`); undefined when the route is not listed. */
export function accessFor(method: string, url: string): RouteAccess | undefined {
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/** Routes outside /api (the built UI, the API docs) serve no office data and need no sign-in. */
export function isApiRoute(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}
