/**
 * A tiny history router: `/`, `/articles/:id` (with `/history` and `/quality`), `/evals`, `/evals/:id`, `/terms`,
 * `/memory`, `/users`, `/audit`, `/account`, `/settings`. The server answers every such URL with the app.
 */

export type Route =
  | { name: 'articles' } | { name: 'editor'; id: string } | { name: 'evals' } | { name: 'eval-run'; id: string } | { name: 'terms' } | { name: 'memory' }
  | { name: 'history'; id: string } | { name: 'quality'; id: string } | { name: 'users' } | { name: 'audit' } | { name: 'account' } | { name: 'settings' }
  | { name: 'not-found'; path: string };

/**
 * Turn a path into a route.
 * @example parseRoute('/articles/abc') // { name: 'editor', id: 'abc' }
 */
export function parseRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/' || clean === '/articles') return { name: 'articles' };
  if (clean === '/evals') return { name: 'evals' };
  if (clean === '/terms') return { name: 'terms' };
  if (clean === '/memory') return { name: 'memory' };
  if (clean === '/users' || clean === '/audit' || clean === '/account' || clean === '/settings') return { name: clean.slice(1) as 'users' | 'audit' | 'account' | 'settings' };
  const sub = /^\/articles\/([^/]+)\/(history|quality)$/.exec(clean);
  if (sub) return { name: sub[2] as 'history' | 'quality', id: decodeURIComponent(sub[1]!) };
  const m = /^\/articles\/([^/]+)$/.exec(clean);
  if (m) return { name: 'editor', id: decodeURIComponent(m[1]!) };
  const e = /^\/evals\/([^/]+)$/.exec(clean);
  if (e) return { name: 'eval-run', id: decodeURIComponent(e[1]!) };
  return { name: 'not-found', path };
}

/** Go to a path inside the app without a page load. */
export function navigate(path: string): void {
  if (location.pathname === path) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
