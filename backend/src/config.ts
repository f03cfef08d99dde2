/**
 * The workbench configuration, read once from the environment and validated with zod.
 * A bad value stops start-up with a message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseHost } from './security/hosts.ts';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

export const ConfigSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^/\s]+/, 'must be an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1')
      .optional(),
  ),
  WORKBENCH_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  WORKBENCH_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).default(4)),
  WORKBENCH_RPM: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).optional()),
  WORKBENCH_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(60_000)),
  WORKBENCH_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(4)),
  WORKBENCH_WORKER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  WORKBENCH_WORKER_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).optional()),
  WORKBENCH_JOB_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(86_400).optional()),
  WORKBENCH_QUEUE_MAINTENANCE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(10)),
  WORKBENCH_PROMPT_TRANSLATE: z.preprocess(emptyAsUndefined, z.string().default('translate@v1')),
  WORKBENCH_PROMPT_BRIEF: z.preprocess(emptyAsUndefined, z.string().default('brief@v1')),
  WORKBENCH_NAMES_DIACRITICS: z.preprocess(emptyAsUndefined, z.enum(['keep', 'strip']).default('keep')),
  WORKBENCH_TM_THRESHOLD: z.preprocess(emptyAsUndefined, z.coerce.number().min(0.5).max(1).default(0.75)),
  WORKBENCH_PRICE_INPUT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).optional()),
  WORKBENCH_PRICE_OUTPUT: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).optional()),
  WORKBENCH_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`').optional(),
  ),
  WORKBENCH_SESSION_IDLE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_080).default(120)),
  WORKBENCH_SESSION_MAX_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(720).default(12)),
  WORKBENCH_TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
  WORKBENCH_LOGIN_MAX_PER_ACCOUNT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(5)),
  WORKBENCH_LOGIN_MAX_PER_ADDRESS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(20)),
  WORKBENCH_PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^/\s?#]+\/?$/i, 'must be the http:// or https:// address people open, without a path, e.g. https://workbench.example.org or http://192.168.1.20:3000')
      .refine((v) => URL.canParse(v), 'is not a valid URL')
      .transform((v) => new URL(v).origin)
      .optional(),
  ),
  WORKBENCH_ALLOWED_HOSTS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
      .refine(
        (hosts) => hosts.every((h) => parseHost(h) !== undefined),
        'must be comma-separated host names or addresses with an optional port (no http://), e.g. workbench.example.org,192.168.1.20:3000',
      )
      .default([]),
  ),
  WORKBENCH_INTAKE_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(20_000)),
  WORKBENCH_INTAKE_MEMORY_MB: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(32).max(16_384).default(512)),
  WORKBENCH_INTAKE_THREADS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(16).default(2)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Env = z.infer<typeof ConfigSchema>;

export interface Config extends Env {
  /** Absolute DATA_DIR. */
  dataDir: string;
  /** A model can be called: an API key, or a base URL of a local server that needs none. */
  modelConfigured: boolean;
  /** Provider settings given by environment variables: they win over the settings saved from the admin page. */
  fromEnv: string[];
}

/** The provider settings an admin may also set from the interface (env vars still win). */
export const PROVIDER_VARS = ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'WORKBENCH_MODEL', 'WORKBENCH_CONCURRENCY', 'WORKBENCH_TIMEOUT_MS', 'WORKBENCH_PRICE_INPUT', 'WORKBENCH_PRICE_OUTPUT'] as const;

/**
 * Parse the environment into a typed Config.
 * @throws Error naming each bad variable, e.g. `PORT: Too big: expected number to be <=65535`.
 * @example loadConfig({ PORT: '8080' }).PORT === 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    modelConfigured: Boolean(c.OPENAI_API_KEY || c.OPENAI_BASE_URL),
    fromEnv: PROVIDER_VARS.filter((k) => env[k] !== undefined && env[k] !== ''),
  };
}
