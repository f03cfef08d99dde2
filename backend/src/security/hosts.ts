/**
 * The Host allow-list: the names this workbench answers to. A page on a hostile name that resolves to 127.0.0.1 (DNS
 * rebinding) is same-origin with itself, so the Origin check cannot see it; only its `Host` header gives it away.
 * Pure functions; imports nothing from the project (config.ts uses `parseHost` to validate WORKBENCH_ALLOWED_HOSTS).
 */

/** A host name or address with an optional port, lower-case; IPv6 addresses keep their brackets (`[::1]`). */
export interface HostName {
  hostname: string;
  /** Absent: any port. */
  port?: string;
}

/** The names every workbench answers to: a rebinding attack needs a name it controls, which these are not. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);
const HOST_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?)(?::(\d{1,5}))?$/;

/**
 * Parse a `Host` header value or an allow-list entry; undefined when it is not a host name or address.
 * @example parseHost('Workbench.Office:8443') // { hostname: 'workbench.office', port: '8443' }
 * @example parseHost('http://x/') // undefined
 */
export function parseHost(value: string): HostName | undefined {
  const m = HOST_RE.exec(value.trim().toLowerCase());
  if (!m || (m[3] !== undefined && Number(m[3]) > 65535)) return undefined;
  return m[3] === undefined ? { hostname: m[1]! } : { hostname: m[1]!, port: m[3] };
}

export interface HostAllowListInput {
  /** The address the server listens on (config HOST): a specific one is allowed too, 0.0.0.0 and :: are not names. */
  listenHost?: string;
  /** WORKBENCH_PUBLIC_URL: its host (and port, if it names one) is allowed. */
  publicUrl?: string;
  /** WORKBENCH_ALLOWED_HOSTS entries: `name` (any port) or `name:port`. */
  allowedHosts?: readonly string[];
}

/**
 * Build the allow-list: the loopback names on any port (the Vite dev proxy, the tests' ephemeral ports and a local
 * reverse proxy all arrive with other ports, and a port proves nothing: only the name can be the attacker's), the
 * listen address when it is a specific one, the public URL's host, and the configured entries.
 */
export function buildHostAllowList(input: HostAllowListInput): HostName[] {
  const list: HostName[] = LOOPBACK_HOSTS.map((hostname) => ({ hostname }));
  const listen = input.listenHost?.trim().toLowerCase();
  if (listen && !WILDCARD_ADDRESSES.has(listen)) {
    const parsed = parseHost(listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen);
    if (parsed) list.push({ hostname: parsed.hostname });
  }
  if (input.publicUrl) {
    const url = new URL(input.publicUrl);
    list.push(url.port ? { hostname: url.hostname, port: url.port } : { hostname: url.hostname });
  }
  for (const entry of input.allowedHosts ?? []) {
    const parsed = parseHost(entry);
    if (parsed) list.push(parsed);
  }
  return list.filter((h, i) => list.findIndex((o) => o.hostname === h.hostname && o.port === h.port) === i);
}

/** True when the `Host` header names an entry of the list (a missing or malformed Host never does). */
export function isHostAllowed(hostHeader: string | undefined, list: readonly HostName[]): boolean {
  const host = hostHeader === undefined ? undefined : parseHost(hostHeader);
  if (!host) return false;
  return list.some((h) => h.hostname === host.hostname && (h.port === undefined || h.port === host.port));
}

/**
 * The start-up warning for a server that listens on every interface but knows no name to answer to: people on the
 * network would get ERR_HOST_FORBIDDEN. Undefined when nothing is missing.
 */
export function hostConfigWarning(input: HostAllowListInput & { port: number }): string | undefined {
  const listen = input.listenHost?.trim().toLowerCase();
  if (!listen || !WILDCARD_ADDRESSES.has(listen) || input.publicUrl || (input.allowedHosts?.length ?? 0) > 0) return undefined;
  return (
    `HOST is ${input.listenHost}, but the workbench answers only to localhost, 127.0.0.1 and [::1] until you name the ` +
    `address people open: set WORKBENCH_PUBLIC_URL (e.g. http://192.168.1.20:${input.port} or https://workbench.example.org) ` +
    `or WORKBENCH_ALLOWED_HOSTS (comma-separated host names or addresses) and restart`
  );
}
