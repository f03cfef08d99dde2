/**
 * Encryption at rest for secrets kept in the database (the provider API key): AES-256-GCM from node:crypto, with a
 * key kept outside the database, from WORKBENCH_SECRET_KEY or else the file DATA_DIR/secret.key, created on first use
 * with mode 0600. A copy of the database alone does not reveal the secret.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

export const SECRET_KEY_FILE = 'secret.key';

/** The 32-byte key: from the environment, or the key file (created now if missing, readable by the owner only). */
export function secretKey(config: Pick<Config, 'WORKBENCH_SECRET_KEY' | 'dataDir'>): Buffer {
  if (config.WORKBENCH_SECRET_KEY) return Buffer.from(config.WORKBENCH_SECRET_KEY, 'base64');
  const file = path.join(config.dataDir, SECRET_KEY_FILE);
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key: restore it or remove the saved provider API key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key another process has just written.
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** @throws Error when the value was sealed with another key or altered. */
export function open(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}
