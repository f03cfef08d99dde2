/** Start the workbench: config, store (migrated), app, listen; close gracefully on SIGINT/SIGTERM. */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { closeDeps, createDeps } from './deps.ts';
import { startRefusal } from './services/start-check.ts';
import { hostConfigWarning } from './security/hosts.ts';

let config;
let deps;
try {
  config = loadConfig();
  deps = await createDeps(config);
  const refusal = await startRefusal(deps);
  if (refusal) throw new Error(refusal);
} catch (err) {
  // A bad setting or an unusable DATA_DIR: say what is wrong without a stack trace.
  console.error((err as Error).message);
  process.exit(1);
}
const app = await buildApp(deps);
await app.listen({ port: config.PORT, host: config.HOST });
app.log.info(
  // performance.now() counts from process start, so this includes loading every module.
  { startupMs: Math.round(performance.now()), model: config.modelConfigured ? config.WORKBENCH_MODEL : null },
  `workbench ready on http://${config.HOST}:${config.PORT}` +
    (config.modelConfigured ? '' : ' (no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL to translate)'),
);
const hostWarning = hostConfigWarning({
  listenHost: config.HOST,
  port: config.PORT,
  publicUrl: config.WORKBENCH_PUBLIC_URL,
  allowedHosts: config.WORKBENCH_ALLOWED_HOSTS,
});
if (hostWarning) app.log.warn(hostWarning);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  });
}
