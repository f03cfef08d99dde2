import { createRequire } from 'node:module';
import type { Config } from '../config.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version?: string };

/** What /api/health reports: the model endpoint's host only, never the key. */
export function health(config: Config) {
  return {
    ok: true,
    version: pkg.version ?? '0.0.0',
    model: {
      configured: config.modelConfigured,
      model: config.modelConfigured ? config.WORKBENCH_MODEL : null,
      baseUrlHost: config.OPENAI_BASE_URL ? new URL(config.OPENAI_BASE_URL).host : config.modelConfigured ? 'api.openai.com' : null,
    },
  };
}
