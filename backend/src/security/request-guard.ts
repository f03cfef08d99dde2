/**
 * The request guard, the first thing every request meets (an `onRequest` hook, before any body is read, so the content
 * type cannot matter):
 * 1. its `Host` must be on the allow-list (hosts.ts), for every method, reads included: a DNS-rebinding page reads
 *    as well as writes; otherwise 421 ERR_HOST_FORBIDDEN;
 * 2. a POST, PUT, PATCH or DELETE must come from the workbench's own pages or from a non-browser client without
 *    cookies (origin.ts); otherwise 403 ERR_ORIGIN_FORBIDDEN.
 *
 * Cookie sessions (the office server's sign-in) slot in behind it: a `SameSite=Lax` session cookie plus check 2,
 * which refuses a cookie-carrying request that does not show it comes from here. See origin.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Errors } from '../errors.ts';
import { buildHostAllowList, isHostAllowed, type HostAllowListInput } from './hosts.ts';
import { isStateChanging, judgeRequestOrigin, ownOrigins, quoteHeader } from './origin.ts';

export interface RequestGuardOptions extends HostAllowListInput {
  /** The configured PORT, for the address a refused person is told to open. */
  port?: number;
}

const guard: FastifyPluginAsync<RequestGuardOptions> = async (app, opts) => {
  const allowList = buildHostAllowList(opts);
  const names = allowList.map((h) => (h.port ? `${h.hostname}:${h.port}` : h.hostname)).join(', ');
  const openAt = opts.publicUrl ?? (opts.port ? `http://127.0.0.1:${opts.port} or http://localhost:${opts.port}` : 'http://127.0.0.1 or http://localhost on the workbench port');

  app.addHook('onRequest', async (req) => {
    const host = req.headers.host;
    if (!isHostAllowed(host, allowList)) {
      req.log.warn({ host }, 'refused a request for a host name that is not on the allow-list');
      throw new Errors.HostForbidden(
        `This workbench does not answer to the host name ${quoteHeader(host)} (it answers to ${names}). Open it at ${openAt}; ` +
          'if this is the address of the office server, add it to WORKBENCH_ALLOWED_HOSTS or set WORKBENCH_PUBLIC_URL and restart',
      );
    }
    if (!isStateChanging(req.method)) return;
    const verdict = judgeRequestOrigin(req.headers, ownOrigins(host!, opts.publicUrl));
    if (!verdict.allowed) {
      req.log.warn({ method: req.method, url: req.url, reason: verdict.reason }, 'refused a state-changing request from another site');
      throw new Errors.OriginForbidden(
        `Refused ${req.method} ${req.url.split('?')[0]}: it comes from another site (${verdict.reason}), and changes are only ` +
          "accepted from the workbench's own pages or from a program that sends no cookies. If you opened the workbench " +
          'through a reverse proxy or another address, set WORKBENCH_PUBLIC_URL to the address in your browser and restart',
      );
    }
  });
};

/** The request guard as a Fastify plugin; its hook applies to every route registered on the app. */
export const requestGuard = fp(guard, { name: 'workbench-request-guard', fastify: '5.x' });
