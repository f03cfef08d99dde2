/**
 * A hostile web site for the end-to-end security test: a node:http server on another loopback address (127.0.0.2,
 * another origin and another site than the workbench on 127.0.0.1), on an ephemeral port, serving the pages it is
 * given. It closes itself after `lifetimeMs` if the test does not close it first. With `rebindTo` it plays a DNS
 * rebinding attack: the page comes from the hostile server, and later requests to the same name reach the victim.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileSite {
  /** e.g. http://127.0.0.2:41234 */
  origin: string;
  /** Paths the browser asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface HostileSiteOptions {
  /** Listen on this port (default: an ephemeral one). */
  port?: number;
  /**
   * DNS rebinding: after handing out its pages, the attacker's name resolves to the victim. Played here by passing
   * every other request, headers untouched (Host included), to this address, e.g. `127.0.0.1:3000`.
   */
  rebindTo?: { host: string; port: number };
  /** Close after this long if the test has not (default 120 s). */
  lifetimeMs?: number;
}

/** Serve `pages` (path -> HTML) on 127.0.0.2; any other path is a 404, or goes to `rebindTo`. */
export async function startHostileSite(pages: Record<string, string>, opts: HostileSiteOptions = {}): Promise<HostileSite> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    const page = pages[path];
    if (page === undefined && opts.rebindTo) {
      // One connection per request both ways, so neither side keeps or retries a socket the other closed.
      const upstream = http.request({ ...opts.rebindTo, agent: false, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' } }, (answer) => {
        res.writeHead(answer.statusCode!, { ...answer.headers, connection: 'close' });
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.2', resolve);
  });
  const close = () => new Promise<void>((resolve) => {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close(() => resolve());
  });
  const timer = setTimeout(() => void close(), opts.lifetimeMs ?? 120_000);
  timer.unref();
  return { origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, requests, close };
}
