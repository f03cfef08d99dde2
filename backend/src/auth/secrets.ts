/**
 * Password hashing (argon2id through @node-rs/argon2, its defaults: 19 MiB, 2 passes) and the random values behind
 * session cookies and API tokens. Those are 256-bit random strings, so a plain SHA-256 is enough to store them: only
 * human-chosen passwords need a slow hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** An argon2id hash in PHC format (`$argon2id$v=19$...`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches `phc`; false (never a throw) for a malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A hash computed once at start, verified against when a name does not exist, so both failures take as long. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hash('not-a-password-' + randomBytes(8).toString('hex')));
}

/** A random secret for a cookie or token, with a readable prefix, e.g. `wbt_3kT...`. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** The stored form of a session id or API token. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A password people can type: 20 characters from an unambiguous alphabet (about 100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
