/** Accounts for route tests: create users with a role and sign them in through the real login route. */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/auth/roles.ts';
import type { Deps } from '../../src/deps.ts';
import { addUser } from '../../src/services/accounts.ts';

export const PASSWORD = 'mật-khẩu-dài-đủ-10';

/** Create a user (password PASSWORD) and return a Cookie header value of a fresh session. */
export async function userSession(app: FastifyInstance, deps: Deps, name: string, role: Role): Promise<string> {
  await addUser(deps, name, role, PASSWORD);
  return signIn(app, name, PASSWORD);
}

export async function signIn(app: FastifyInstance, name: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${res.statusCode} ${res.body}`);
  const set = String(res.headers['set-cookie']);
  return set.split(';')[0]!;
}
