/** The one condition under which the server refuses to start: reachable from the network with nobody to administer it. */
import { isLoopbackHost } from '../auth/roles.ts';
import type { Deps } from '../deps.ts';

/**
 * A message saying why the server must not start, or null. Off the loopback there is no single-user mode, so at least
 * one enabled admin must exist first.
 */
export async function startRefusal(deps: Pick<Deps, 'config' | 'store'>): Promise<string | null> {
  if (isLoopbackHost(deps.config.HOST)) return null;
  if ((await deps.store.accounts.countActiveAdmins()) > 0) return null;
  return (
    `HOST=${deps.config.HOST} makes the workbench reachable from the network, and it has no enabled admin account, so it ` +
    `will not start. Create one first with:\n  npm run user -- add <name> --role admin\n` +
    `(or keep HOST=127.0.0.1 for the single-user mode without sign-in).`
  );
}
