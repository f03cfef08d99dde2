/**
 * Provider settings saved from the admin page (base URL, API key, model, concurrency, timeout, prices), applied to the
 * running config at start and on every save; environment variables still win and the page says which. The API key is
 * stored sealed (secret-box.ts) and never returned, logged or put in the audit trail.
 */
import { performance } from 'node:perf_hooks';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { createChatModel } from '../llm/model.ts';
import type { ProviderSettings, SaveProviderSettings } from '../schemas/settings.ts';
import { open, seal, secretKey } from './secret-box.ts';

type Saved = Omit<SaveProviderSettings, 'apiKey'>;
const ROW_ID = 'provider';

const FIELDS = {
  baseUrl: 'OPENAI_BASE_URL',
  model: 'WORKBENCH_MODEL',
  concurrency: 'WORKBENCH_CONCURRENCY',
  timeoutMs: 'WORKBENCH_TIMEOUT_MS',
  priceInput: 'WORKBENCH_PRICE_INPUT',
  priceOutput: 'WORKBENCH_PRICE_OUTPUT',
} as const satisfies Record<keyof Saved, keyof Config>;

async function readRow(deps: Pick<Deps, 'store'>) {
  return deps.store.db.selectFrom('provider_settings').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
}

/** Put the saved settings into `deps.config` (what no environment variable sets). Called at start and after a save. */
export async function applyProviderSettings(deps: Pick<Deps, 'store' | 'config'>): Promise<void> {
  const row = await readRow(deps);
  if (!row) return;
  const c = deps.config as unknown as Record<string, unknown>;
  const saved = JSON.parse(row.settings_json) as Saved;
  for (const [field, variable] of Object.entries(FIELDS)) {
    if (deps.config.fromEnv.includes(variable)) continue;
    const v = saved[field as keyof Saved];
    if (v !== undefined) c[variable] = v ?? undefined;
  }
  if (!deps.config.fromEnv.includes('OPENAI_API_KEY')) {
    deps.config.OPENAI_API_KEY = row.api_key_enc ? open(secretKey(deps.config), row.api_key_enc) : undefined;
  }
  deps.config.modelConfigured = Boolean(deps.config.OPENAI_API_KEY || deps.config.OPENAI_BASE_URL);
}

/** The settings in force, as the page shows them: never the key, only whether one is set. */
export async function getProviderSettings(deps: Pick<Deps, 'store' | 'config'>): Promise<ProviderSettings> {
  const row = await readRow(deps);
  const c = deps.config;
  return {
    baseUrl: c.OPENAI_BASE_URL ?? null,
    model: c.WORKBENCH_MODEL,
    concurrency: c.WORKBENCH_CONCURRENCY,
    timeoutMs: c.WORKBENCH_TIMEOUT_MS,
    priceInput: c.WORKBENCH_PRICE_INPUT ?? null,
    priceOutput: c.WORKBENCH_PRICE_OUTPUT ?? null,
    apiKeySet: Boolean(c.OPENAI_API_KEY),
    fromEnv: c.fromEnv,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

/** Save (merging with what was saved before) and apply; returns the page's view before and after, for the audit trail. */
export async function saveProviderSettings(deps: Pick<Deps, 'store' | 'config'>, body: SaveProviderSettings, by: string) {
  const before = await getProviderSettings(deps);
  const row = await readRow(deps);
  const { apiKey, ...rest } = body;
  const settings = { ...(row ? (JSON.parse(row.settings_json) as Saved) : {}), ...rest };
  const keyEnc = apiKey === undefined ? (row?.api_key_enc ?? null) : apiKey === null ? null : seal(secretKey(deps.config), apiKey);
  const values = { settings_json: JSON.stringify(settings), api_key_enc: keyEnc, updated_at: new Date().toISOString(), updated_by: by };
  await deps.store.db
    .insertInto('provider_settings')
    .values({ id: ROW_ID, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  await applyProviderSettings(deps);
  await deps.store.bus.publish(SETTINGS_SAVED, {});
  return { before, after: await getProviderSettings(deps) };
}

/** Bus topic: provider settings were saved. */
const SETTINGS_SAVED = 'provider-settings-saved';

/**
 * Apply settings as soon as any process sharing the store saves them (with PostgreSQL: every server and worker), so a
 * change made on the admin page reaches the workers' next calls without a restart. Returns the function that stops.
 */
export function followProviderSettings(deps: Pick<Deps, 'store' | 'config'>): () => void {
  return deps.store.bus.subscribe(SETTINGS_SAVED, () => applyProviderSettings(deps));
}

/** The provider's error in plain words, with anything that looks like a key removed. */
export function plainProviderError(err: unknown, config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>): string {
  const e = err as { status?: number; code?: string; cause?: { code?: string }; message?: string };
  const host = (() => {
    try {
      return new URL(config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').host;
    } catch {
      return 'the provider';
    }
  })();
  const code = e?.cause?.code ?? e?.code;
  let msg: string;
  if (e?.status === 401 || e?.status === 403) msg = `The provider refused the API key (${e.status}): check the key`;
  else if (e?.status === 404) msg = `The provider does not know this model or URL (404): check the model name and base URL`;
  else if (e?.status === 429) msg = 'The provider is rate limiting or the quota is used up (429)';
  else if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') msg = `Cannot reach ${host} (${code}): check the base URL and that the server runs`;
  else if (/timeout|timed out/i.test(e?.message ?? '')) msg = `${host} did not answer in time`;
  else msg = e?.message ?? String(err);
  const key = config.OPENAI_API_KEY;
  if (key) msg = msg.split(key).join('[key]');
  return msg.replace(/\b(sk|wbt|key)-[\w*.-]{6,}/g, '[key]');
}

/** One small real call with the settings in force: latency on success, the provider's error in plain words otherwise. */
export async function testProviderConnection(deps: Pick<Deps, 'config'>) {
  const config: Config = { ...deps.config, WORKBENCH_MAX_RETRIES: 0, WORKBENCH_TIMEOUT_MS: Math.min(deps.config.WORKBENCH_TIMEOUT_MS, 30_000) };
  const started = performance.now();
  try {
    const model = createChatModel(config, { maxTokens: 5, temperature: 0 });
    await model.invoke('Reply with the word OK.');
    const latencyMs = Math.round(performance.now() - started);
    return { ok: true, model: config.WORKBENCH_MODEL, latencyMs, message: `${config.WORKBENCH_MODEL} answered in ${latencyMs} ms` };
  } catch (err) {
    return { ok: false, model: config.WORKBENCH_MODEL, latencyMs: Math.round(performance.now() - started), message: plainProviderError(err, config) };
  }
}
