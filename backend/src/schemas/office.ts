/**
 * Request and response schemas of the office server: accounts, tokens, the audit trail, assignments, annotations and
 * the quality report. The frontend may `import type` from here. Imports nothing from the project but zod and the pure
 * role and MQM vocabularies.
 */
import { z } from 'zod';
import { Role } from '../auth/roles.ts';
import { MqmError } from '../qa/mqm.ts';

export { Role, MqmError };

export const User = z.object({ id: z.string(), name: z.string(), role: Role, disabled: z.boolean(), createdAt: z.string() });
export type User = z.infer<typeof User>;

export const Me = z.object({
  /** `single-user`: a loopback install without accounts, where no sign-in is needed. */
  mode: z.enum(['single-user', 'accounts']),
  user: z.object({ id: z.string().nullable(), name: z.string(), role: Role, via: z.enum(['session', 'token', 'local']) }).nullable(),
});
export type Me = z.infer<typeof Me>;

export const LoginBody = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

export const CreateUserBody = z
  .object({ name: z.string().min(2).max(64), role: Role, password: z.string().min(10).max(1024).optional() })
  .strict();
export const CreatedUser = z.object({ user: User, password: z.string().optional() });

export const PatchUserBody = z
  .object({ role: Role.optional(), disabled: z.boolean().optional(), resetPassword: z.boolean().optional() })
  .strict();
export const PatchedUser = z.object({ user: User, password: z.string().optional() });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const CreateTokenBody = z
  .object({ name: z.string().min(1).max(100), scope: z.enum(['read', 'write']).default('write'), days: z.number().int().min(1).max(366).default(90) })
  .strict();
export const CreatedToken = z.object({ token: z.string(), info: ApiToken });

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  user: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  articleId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  user: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  format: z.enum(['json', 'csv']).default('json'),
});
