/** Start the workbench: config, store (migrated), app, listen; close gracefully on SIGINT/SIGTERM. */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { closeDeps, createDeps } from './deps.ts';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const deps = await createDeps(config);
const app = await buildApp(deps);
await app.listen({ port: config.PORT, host: config.HOST });
app.log.info(
  { ms: Math.round(performance.now() - started), model: config.modelConfigured ? config.WORKBENCH_MODEL : null },
  `workbench ready on http://${config.HOST}:${config.PORT}` +
    (config.modelConfigured ? '' : ' (no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL to translate)'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  });
}
