/** Sign-in, the current user, personal API tokens, users and the audit trail (office server). */
import type { ApiToken, AuditEntry, Me, Role, User } from '../../../backend/src/schemas/office.ts';
import type { QualityReport } from '../../../backend/src/schemas/workflow.ts';
import { request } from './http.ts';

export type { ApiToken, AuditEntry, Me, QualityReport, Role, User };

export const getMe = () => request<Me>('/api/auth/me');
export const login = (name: string, password: string) => request<Me>('/api/auth/login', { method: 'POST', json: { name, password } });
export const logout = () => request<null>('/api/auth/logout', { method: 'POST' });
export const logoutAll = () => request<{ ended: number }>('/api/auth/logout-all', { method: 'POST' });

export const listTokens = () => request<{ tokens: ApiToken[] }>('/api/auth/tokens').then((r) => r.tokens);
export const createToken = (name: string, scope: 'read' | 'write', days: number) =>
  request<{ token: string; info: ApiToken }>('/api/auth/tokens', { method: 'POST', json: { name, scope, days } });
export const revokeToken = (id: string) => request<null>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const listUsers = () => request<{ users: User[] }>('/api/users').then((r) => r.users);
export const createUser = (name: string, role: Role) => request<{ user: User; password?: string }>('/api/users', { method: 'POST', json: { name, role } });
export const changeUser = (id: string, change: { role?: Role; disabled?: boolean; resetPassword?: boolean }) =>
  request<{ user: User; password?: string }>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: change });

export interface AuditFilter {
  user?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The query string of an audit filter (empty fields left out), shared by the list and the CSV link. */
export function auditQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

export const listAudit = (f: AuditFilter) => request<{ entries: AuditEntry[] }>(`/api/audit?${auditQuery(f)}`).then((r) => r.entries);
export const articleHistory = (id: string) => request<{ entries: AuditEntry[] }>(`/api/articles/${encodeURIComponent(id)}/history`).then((r) => r.entries);
export const qualityReport = (id: string) => request<QualityReport>(`/api/articles/${encodeURIComponent(id)}/quality`);

export type ProviderSettings = import('../../../backend/src/schemas/settings.ts').ProviderSettings;
export type SaveProviderSettings = import('../../../backend/src/schemas/settings.ts').SaveProviderSettings;

export const getProviderSettings = () => request<ProviderSettings>('/api/settings/provider');
export const saveProviderSettings = (body: SaveProviderSettings) => request<ProviderSettings>('/api/settings/provider', { method: 'PUT', json: body });
export const testProviderConnection = () =>
  request<{ ok: boolean; model: string; latencyMs: number; message: string }>('/api/settings/provider/test', { method: 'POST' });
