/**
 * Tables of the office server (migration 0004): accounts, sessions, API tokens, the audit trail and reviewers'
 * annotations, added to the shared Database type.
 */
import type { Generated, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scope: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_name: string | null;
  address: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  article_id: string | null;
  before_json: string | null;
  after_json: string | null;
  detail_json: string | null;
}

export interface SegmentAnnotationsTable {
  id: Generated<number>;
  segment_id: string;
  article_id: string;
  reviewer: string;
  at: string;
  category: string;
  severity: string;
  note: string | null;
  before_translation: string | null;
  after_translation: string | null;
  version: number;
}

export interface ProviderSettingsTable {
  id: string;
  settings_json: string;
  api_key_enc: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Failed sign-ins per key (`name:…`, `ip:…`) over the last window (migration 0010). */
export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: string;
}

declare module './types.ts' {
  interface Database {
    login_failures: LoginFailuresTable;
    provider_settings: ProviderSettingsTable;
    users: UsersTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
    audit_log: AuditLogTable;
    segment_annotations: SegmentAnnotationsTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type AnnotationRow = Selectable<SegmentAnnotationsTable>;
