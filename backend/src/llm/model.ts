/**
 * The chat model factory: one ChatOpenAI configured from the workbench config, for OpenAI and for local
 * OpenAI-compatible servers (Ollama, vLLM, llama.cpp server), with a per-call timeout and a retry policy.
 */
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.ts';
import { Errors } from '../errors.ts';
import { budgetedFetch } from './budgeted-fetch.ts';
import type { ProviderBudget } from './provider-budget.ts';

export type ModelConfig = Pick<
  Config,
  'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'WORKBENCH_MODEL' | 'WORKBENCH_TIMEOUT_MS' | 'WORKBENCH_MAX_RETRIES'
>;

export interface ModelOverrides {
  temperature?: number;
  maxTokens?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /** Every HTTP attempt (retries included) waits for a slot of this budget: see provider-budget.ts. */
  budget?: ProviderBudget;
}

/** Statuses that no retry can fix: the request or the credentials are wrong. */
const NO_RETRY_STATUS = new Set([400, 401, 402, 403, 404, 405, 406, 409, 413, 422]);

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; response?: { status?: unknown } };
  if (typeof e.status === 'number') return e.status;
  if (typeof e.response?.status === 'number') return e.response.status;
  return undefined;
}

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; error?: { code?: unknown } };
  if (typeof e.code === 'string') return e.code;
  if (typeof e.error?.code === 'string') return e.error.code;
  return undefined;
}

/**
 * True when a failed model call is worth repeating: 429 (with or without Retry-After), 5xx, connection
 * errors and timeouts. False for aborts, 4xx request errors and an exhausted quota.
 */
export function isRetryableModelError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return true;
  const e = err as { name?: unknown; message?: unknown };
  if (e.name === 'AbortError' || (typeof e.message === 'string' && (e.message.startsWith('Cancel') || e.message.startsWith('AbortError')))) return false;
  if (codeOf(err) === 'insufficient_quota') return false;
  // With response_format json_schema the openai client parses the answer inside the retried call; an answer that is
  // not JSON is the model's answer, not a transport fault, and the brief chain has its own fallback for it.
  if (e.name === 'SyntaxError' || e.name === 'OutputParserException') return false;
  const status = statusOf(err);
  if (status !== undefined && NO_RETRY_STATUS.has(status)) return false;
  return true;
}

/**
 * LangChain's failed-attempt hook: rethrow to stop retrying, return to retry with backoff.
 * @langchain/core's default handler gives up on a 429 without Retry-After ("headerless_429"), which is what
 * local servers send under load, so this replaces it rather than wrapping it.
 */
export function onFailedModelAttempt(err: unknown): void {
  if (!isRetryableModelError(err)) throw err;
}

/**
 * Build the chat model, or throw ERR_MODEL_NOT_CONFIGURED when neither an API key nor a base URL is set.
 * Retries use LangChain's AsyncCaller (exponential backoff from 1 s, factor 2, randomised x1-2 for jitter).
 * With `budget`, every HTTP attempt first takes a slot of that shared budget (see provider-budget.ts).
 * @example const model = createChatModel(config, { temperature: 0.2 });
 */
export function createChatModel(config: ModelConfig, overrides: ModelOverrides = {}): ChatOpenAI {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) throw new Errors.ModelNotConfigured();
  const client = {
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    ...(overrides.budget ? { fetch: budgetedFetch(overrides.budget) } : {}),
  };
  return new ChatOpenAI({
    model: config.WORKBENCH_MODEL,
    // Local servers accept any key; the openai client refuses to start without one.
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    configuration: Object.keys(client).length > 0 ? client : undefined,
    temperature: overrides.temperature,
    maxTokens: overrides.maxTokens,
    timeout: overrides.timeoutMs ?? config.WORKBENCH_TIMEOUT_MS,
    maxRetries: overrides.maxRetries ?? config.WORKBENCH_MAX_RETRIES,
    onFailedAttempt: onFailedModelAttempt,
    // `streaming` stays unset. true: invoke() estimates token counts with js-tiktoken, which downloads its encodings
    // and hangs without internet. false: LangChain also disables model.stream(). Unset, invoke() makes one plain
    // request and model.stream() streams, its last chunk carrying the server's usage.
    streamUsage: true,
    useResponsesApi: false,
  });
}

/** The model name, temperature and limits a call ran with, as stored on each model run. */
export function modelParams(model: ChatOpenAI): { model: string; temperature?: number; maxTokens?: number } {
  return { model: model.model, temperature: model.temperature ?? undefined, maxTokens: model.maxTokens ?? undefined };
}
