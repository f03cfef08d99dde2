/**
 * Accounts, sessions and personal API tokens. Used by the auth routes, the request guard and `npm run user`.
 * Passwords are argon2id hashes; session ids and tokens are random and stored as SHA-256 hashes only.
 */
import type { Config } from '../config.ts';
import { Errors } from '../errors.ts';
import type { ApiToken } from '../schemas/office.ts';
import { type Actor, type Role } from '../auth/roles.ts';
import { dummyHash, hashPassword, newSecret, secretHash, verifyPassword } from '../auth/secrets.ts';
import type { OpenStore } from '../storage/index.ts';
import type { ApiTokenRow, UserRow } from '../storage/office-types.ts';
import { newId } from './ids.ts';

type AccountDeps = { store: Pick<OpenStore, 'accounts'>; config: Pick<Config, 'WORKBENCH_SESSION_IDLE_MINUTES' | 'WORKBENCH_SESSION_MAX_HOURS'> };

export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const toPublicUser = (u: UserRow): PublicUser => ({ id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled === 1, createdAt: u.created_at });

/** Names people sign in with: letters (any script, so "Nguyễn Lan"), digits, . _ - @, single inner spaces; 2-64 long. */
export const USER_NAME = /^(?=.{2,64}$)[\p{L}\p{M}\p{N}._@-]+(?: [\p{L}\p{M}\p{N}._@-]+)*$/u;

export async function addUser(deps: Pick<AccountDeps, 'store'>, name: string, role: Role, password: string): Promise<PublicUser> {
  const clean = name.normalize('NFC').trim();
  if (!USER_NAME.test(clean)) throw new Errors.MalformedInput(`User name "${name}" is not usable: 2-64 letters, digits, . _ - @ or single spaces`);
  if (password.length < 10) throw new Errors.MalformedInput('The password is too short: use at least 10 characters');
  if (await deps.store.accounts.getUserByName(clean)) throw new Errors.UserExists(clean);
  const now = new Date().toISOString();
  const row: UserRow = { id: newId('usr'), name: clean, role, password_hash: await hashPassword(password), disabled: 0, created_at: now, updated_at: now };
  await deps.store.accounts.insertUser(row);
  return toPublicUser(row);
}

export async function listUsers(deps: Pick<AccountDeps, 'store'>): Promise<PublicUser[]> {
  return (await deps.store.accounts.listUsers()).map(toPublicUser);
}

async function findUser(deps: Pick<AccountDeps, 'store'>, idOrName: string): Promise<UserRow> {
  const u = (await deps.store.accounts.getUser(idOrName)) ?? (await deps.store.accounts.getUserByName(idOrName));
  if (!u) throw new Errors.UserNotFound(idOrName);
  return u;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/**
 * Change a user's role, enable or disable them, or set a new password. Disabling, demoting or re-keying ends their
 * sessions. The last enabled admin can be neither demoted nor disabled, so the office cannot lock itself out.
 * Returns the user before and after, for the audit trail.
 */
export async function changeUser(deps: Pick<AccountDeps, 'store'>, idOrName: string, change: UserChange): Promise<{ before: PublicUser; after: PublicUser }> {
  const u = await findUser(deps, idOrName);
  const losesAdmin = u.role === 'admin' && u.disabled === 0 && ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await deps.store.accounts.countActiveAdmins()) <= 1) throw new Errors.LastAdmin();
  const patch: Partial<UserRow> = { updated_at: new Date().toISOString() };
  if (change.role) patch.role = change.role;
  if (change.disabled !== undefined) patch.disabled = change.disabled ? 1 : 0;
  if (change.password !== undefined) {
    if (change.password.length < 10) throw new Errors.MalformedInput('The password is too short: use at least 10 characters');
    patch.password_hash = await hashPassword(change.password);
  }
  const after = await deps.store.accounts.updateUser(u.id, patch);
  if (!after) throw new Errors.UserNotFound(idOrName);
  if (change.disabled || change.password !== undefined || (change.role && change.role !== u.role)) await deps.store.accounts.deleteSessionsOf(u.id);
  return { before: toPublicUser(u), after: toPublicUser(after) };
}

/**
 * Check a name and password. Unknown names still cost one argon2 verification, and every failure is the same error,
 * so neither the answer nor its timing tells whether the name exists.
 */
export async function checkPassword(deps: Pick<AccountDeps, 'store'>, name: string, password: string): Promise<UserRow> {
  const u = await deps.store.accounts.getUserByName(name.normalize('NFC').trim());
  const ok = await verifyPassword(u?.password_hash ?? (await dummyHash()), password);
  if (!u || !ok || u.disabled) throw new Errors.LoginFailed();
  return u;
}

/** Open a session for `user`; returns the cookie value (only its hash is stored). */
export async function openSession(deps: AccountDeps, user: UserRow, address: string | null): Promise<{ cookie: string; expiresAt: string }> {
  const cookie = newSecret('wbs_');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + deps.config.WORKBENCH_SESSION_MAX_HOURS * 3_600_000).toISOString();
  await deps.store.accounts.insertSession({ id_hash: secretHash(cookie), user_id: user.id, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt, address });
  return { cookie, expiresAt };
}

/**
 * The actor behind a session cookie, or undefined when it is unknown, idle too long, past its absolute expiry, or its
 * user is disabled. An expired session is deleted on sight.
 */
export async function actorForSession(deps: AccountDeps, cookie: string): Promise<Actor | undefined> {
  const hash = secretHash(cookie);
  const s = await deps.store.accounts.getSession(hash);
  if (!s) return undefined;
  const now = Date.now();
  const idleMs = deps.config.WORKBENCH_SESSION_IDLE_MINUTES * 60_000;
  if (Date.parse(s.expires_at) <= now || Date.parse(s.last_seen_at) + idleMs <= now) {
    await deps.store.accounts.deleteSession(hash);
    return undefined;
  }
  const u = await deps.store.accounts.getUser(s.user_id);
  if (!u || u.disabled) return undefined;
  // Touch at most once a minute: a busy editor should not write on every keystroke's save.
  if (now - Date.parse(s.last_seen_at) > 60_000) await deps.store.accounts.touchSession(hash, new Date(now).toISOString());
  return { id: u.id, name: u.name, role: u.role as Role, via: 'session' };
}

export async function closeSession(deps: Pick<AccountDeps, 'store'>, cookie: string): Promise<void> {
  await deps.store.accounts.deleteSession(secretHash(cookie));
}

/** "Sign out everywhere": every session of the user ends. Returns how many there were. */
export function closeAllSessions(deps: Pick<AccountDeps, 'store'>, userId: string): Promise<number> {
  return deps.store.accounts.deleteSessionsOf(userId);
}


const toApiToken = (t: ApiTokenRow): ApiToken => ({
  id: t.id, name: t.name, scope: t.scope as ApiToken['scope'], createdAt: t.created_at, expiresAt: t.expires_at, lastUsedAt: t.last_used_at, revoked: t.revoked_at !== null,
});

/** Create a personal API token. The secret is returned here once and never again. */
export async function createToken(deps: Pick<AccountDeps, 'store'>, userId: string, name: string, scope: 'read' | 'write', days: number): Promise<{ token: string; info: ApiToken }> {
  const token = newSecret('wbt_');
  const now = new Date();
  const row: ApiTokenRow = {
    id: newId('tok'), user_id: userId, name, token_hash: secretHash(token), scope, created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(), last_used_at: null, revoked_at: null,
  };
  await deps.store.accounts.insertToken(row);
  return { token, info: toApiToken(row) };
}

export async function listTokens(deps: Pick<AccountDeps, 'store'>, userId: string): Promise<ApiToken[]> {
  return (await deps.store.accounts.listTokens(userId)).map(toApiToken);
}

export async function revokeToken(deps: Pick<AccountDeps, 'store'>, userId: string, id: string): Promise<void> {
  if (!(await deps.store.accounts.revokeToken(userId, id, new Date().toISOString()))) throw new Errors.NotFound(`Token ${id} does not exist or is already revoked`);
}

/** The actor behind a bearer token, or undefined when it is unknown, revoked, expired, or its user is disabled. */
export async function actorForToken(deps: Pick<AccountDeps, 'store'>, token: string): Promise<Actor | undefined> {
  const t = await deps.store.accounts.getTokenByHash(secretHash(token));
  if (!t || t.revoked_at || Date.parse(t.expires_at) <= Date.now()) return undefined;
  const u = await deps.store.accounts.getUser(t.user_id);
  if (!u || u.disabled) return undefined;
  await deps.store.accounts.touchToken(t.id, new Date().toISOString());
  return { id: u.id, name: u.name, role: u.role as Role, via: 'token', scope: t.scope as 'read' | 'write' };
}
