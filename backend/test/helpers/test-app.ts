/**
 * Build the real app over a throwaway DATA_DIR and database, for `app.inject` route tests: a SQLite file in DATA_DIR,
 * or a throwaway PostgreSQL database in the suite's PostgreSQL half.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { closeDeps, createDeps, type Deps } from '../../src/deps.ts';
import { testStoreEnv } from './test-store.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-test-'));
  const store = await testStoreEnv();
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...store.env, ...env });
  const deps = await createDeps(config, { filename: path.join(dataDir, 'test.db') });
  const app = await buildApp(deps, { logger: false, frontendDist: path.join(dataDir, 'no-frontend') });
  await app.ready();
  return {
    app,
    deps,
    dataDir,
    async close() {
      await app.close();
      await closeDeps(deps);
      await store.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body with one file field, for upload tests. */
export function multipartBody(filename: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----wbtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
