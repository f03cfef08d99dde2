/**
 * Whether a state-changing request comes from the workbench's own pages. Another site's page can make the browser
 * send a POST, PUT, PATCH or DELETE here (a form, `fetch` with `mode: 'no-cors'`, `<form enctype="text/plain">`): it
 * cannot read the answer, but the change is done. Browsers say where such a request comes from in `Origin` (every
 * non-GET request in current browsers), `Sec-Fetch-Site` and `Referer`; a client that sends none of them is not a
 * browser page (the CLI, curl, scripts) and is trusted only while it carries no cookie.
 *
 * Cookie sessions (the office server's sign-in) rely on two things together: the session cookie is `SameSite=Lax`,
 * so the browser leaves it off cross-site POSTs, and this check, which also refuses same-site attackers (another port
 * or another loopback address is "same-site" but not "same-origin", and SameSite does not stop them) and any request
 * that carries a cookie but no sign of where it comes from. A bearer token (sent only by code that holds it) needs
 * no such check; the cookie rule here is what keeps a cookie-carrying request from passing as a non-browser client.
 *
 * Pure; imports nothing from the project.
 */

export interface OriginHeaders {
  origin?: string | string[] | undefined;
  'sec-fetch-site'?: string | string[] | undefined;
  referer?: string | string[] | undefined;
  cookie?: string | string[] | undefined;
}

export type OriginSignal = 'origin' | 'sec-fetch-site' | 'referer' | 'none';

export type OriginVerdict =
  | { allowed: true; by: OriginSignal }
  /** `reason` says which header named which origin, for the error message and the log. */
  | { allowed: false; by: OriginSignal | 'cookie'; reason: string };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The methods that change something and so must come from the workbench's own pages. */
export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/**
 * The origin (`scheme://host[:port]`, default port dropped, lower-case) of a URL or origin string; undefined for
 * anything that is not an http(s) URL, including the opaque origin `null`.
 * @example toOrigin('HTTP://127.0.0.1:80/articles?x') === 'http://127.0.0.1'
 */
export function toOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origins a request addressed to `host` may come from: that host over http or https (a TLS-terminating proxy
 * that keeps the Host header makes the browser's https origin arrive here over http), and the public URL's origin
 * (a proxy that rewrites Host). `host` must already have passed the Host allow-list.
 * @example ownOrigins('127.0.0.1:3000') // ['http://127.0.0.1:3000', 'https://127.0.0.1:3000']
 */
export function ownOrigins(host: string, publicUrl?: string): string[] {
  const out = [toOrigin(`http://${host}`), toOrigin(`https://${host}`), publicUrl ? toOrigin(publicUrl) : undefined];
  return [...new Set(out.filter((o): o is string => o !== undefined))];
}

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(', ') : v);
/** A header value for a message: quoted, cut at 120 characters, `(none)` when absent. */
export function quoteHeader(v: string | undefined): string {
  return v === undefined ? '(none)' : JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v);
}

/**
 * Judge where a state-changing request comes from. Every signal the request carries must name one of `own`:
 * - `Origin`: must be one of them; `Origin: null` (a sandboxed frame, a `data:` page, a cross-origin redirect, or a
 *   page that hides its origin) is refused;
 * - `Sec-Fetch-Site`: must be `same-origin` or `none` (typed by the user); `same-site` is refused, since another port
 *   or loopback address is the same site;
 * - `Referer`: its origin must be one of them.
 * With none of the three, only a request without a `Cookie` header is allowed (a non-browser client).
 * @example judgeRequestOrigin({ origin: 'http://127.0.0.2:8000' }, ['http://127.0.0.1:3000']).allowed === false
 * @example judgeRequestOrigin({}, ['http://127.0.0.1:3000']) // { allowed: true, by: 'none' }
 */
export function judgeRequestOrigin(headers: OriginHeaders, own: readonly string[]): OriginVerdict {
  const origin = single(headers.origin);
  const site = single(headers['sec-fetch-site'])?.toLowerCase();
  const referer = single(headers.referer);
  const isOwn = (value: string) => {
    const o = toOrigin(value);
    return o !== undefined && own.includes(o);
  };
  if (origin !== undefined && !isOwn(origin)) {
    return { allowed: false, by: 'origin', reason: origin === 'null' ? 'Origin: null (a sandboxed frame, a local file or a page that hides where it comes from)' : `Origin ${quoteHeader(origin)}` };
  }
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { allowed: false, by: 'sec-fetch-site', reason: `Sec-Fetch-Site ${quoteHeader(site)}` };
  }
  if (referer !== undefined && !isOwn(referer)) {
    return { allowed: false, by: 'referer', reason: `Referer ${quoteHeader(referer)}` };
  }
  if (origin !== undefined) return { allowed: true, by: 'origin' };
  if (site !== undefined) return { allowed: true, by: 'sec-fetch-site' };
  if (referer !== undefined) return { allowed: true, by: 'referer' };
  if (single(headers.cookie) !== undefined) {
    return { allowed: false, by: 'cookie', reason: 'a request with cookies but no Origin, Sec-Fetch-Site or Referer' };
  }
  return { allowed: true, by: 'none' };
}
