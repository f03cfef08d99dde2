/**
 * The audit trail: who did what, when, from where, with before/after where it matters. Append-only: this module
 * offers no update or delete, and the database refuses them (triggers in migration 0004).
 */
import type { OpenStore } from '../storage/index.ts';
import type { AuditFilter } from '../storage/kysely/audit-repository.ts';
import type { AuditRow } from '../storage/office-types.ts';

type AuditDeps = { store: Pick<OpenStore, 'audit'> };

export interface AuditEvent {
  user: string | null;
  address: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  address: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  articleId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

const SECRET_KEY = /pass|secret|token|api.?key|authorization|cookie/i;
const MAX_JSON = 20_000;

/** JSON for the trail with secrets replaced by "[redacted]" and long values cut, so the trail never holds a password. */
export function auditJson(value: unknown): string | null {
  if (value === undefined) return null;
  const json = JSON.stringify(value, (k, v) => (k && SECRET_KEY.test(k) ? '[redacted]' : v));
  if (json === undefined) return null;
  return json.length > MAX_JSON ? JSON.stringify({ truncated: true, start: json.slice(0, MAX_JSON) }) : json;
}

export async function recordAudit(deps: AuditDeps, e: AuditEvent): Promise<void> {
  await deps.store.audit.append({
    at: new Date().toISOString(),
    user_name: e.user,
    address: e.address,
    action: e.action,
    entity: e.entity ?? null,
    entity_id: e.entityId ?? null,
    article_id: e.articleId ?? null,
    before_json: auditJson(e.before),
    after_json: auditJson(e.after),
    detail_json: auditJson(e.detail),
  });
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id, at: r.at, user: r.user_name, address: r.address, action: r.action, entity: r.entity, entityId: r.entity_id,
  articleId: r.article_id, before: parse(r.before_json), after: parse(r.after_json), detail: parse(r.detail_json),
});

export async function listAudit(deps: AuditDeps, filter: AuditFilter): Promise<AuditEntry[]> {
  return (await deps.store.audit.list(filter)).map(toAuditEntry);
}

/** One CSV cell: JSON for objects, quoted when needed, and never read as a spreadsheet formula. */
export const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The trail as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read Vietnamese names right). */
export function auditCsv(entries: AuditEntry[]): string {
  const head = ['id', 'at', 'user', 'address', 'action', 'entity', 'entity_id', 'article_id', 'before', 'after', 'detail'];
  const rows = entries.map((e) => [e.id, e.at, e.user, e.address, e.action, e.entity, e.entityId, e.articleId, e.before, e.after, e.detail].map(csvCell).join(','));
  return '\uFEFF' + [head.join(','), ...rows].join('\r\n') + '\r\n';
}
