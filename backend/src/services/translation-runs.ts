/**
 * Model-run provenance: every call is stored with its prompt (id, version, hash), model, parameters, tokens,
 * latency, cost and error; the cache key says which calls an identical later call may reuse.
 */
import { createHash } from 'node:crypto';
import type { BaseMessage } from '@langchain/core/messages';
import { costUsd } from '../llm/pricing.ts';
import type { Config } from '../config.ts';
import type { Prompt } from '../llm/prompts.ts';
import type { ModelRun } from '../schemas/job.ts';
import type { ModelRunsRepository } from '../storage/repositories.ts';
import type { ModelRunRow, NewModelRunRow } from '../storage/types.ts';
import { newId } from './ids.ts';

export interface RunParams {
  model: string;
  /** The server the model runs on: the same model name on another server is another model. */
  provider: string;
  temperature: number;
  maxTokens: number | null;
  /** Prices per million tokens set by the office (recorded with the run; not part of the cache key). */
  price?: { input: number; output: number };
  [key: string]: unknown;
}

/**
 * sha256 over prompt hash, model, parameters and the exact messages: equal keys mean an equal call.
 * @example cacheKey(prompt, params, messages) // '3f1c…' (64 hex)
 */
export function cacheKey(prompt: Prompt, runParams: RunParams, messages: BaseMessage[]): string {
  // A price change is no reason to call the model again.
  const { price: _price, ...params } = runParams;
  const body = JSON.stringify({ prompt: prompt.hash, params, messages: messages.map((m) => [m.getType(), m.content]) });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The parameters of a call with this prompt on the configured endpoint: part of every cache key, so the workbench's
 * translate job and the eval runner key the same call the same way.
 */
export function runParamsFor(config: Pick<Config, 'WORKBENCH_MODEL' | 'OPENAI_BASE_URL'> & Partial<Pick<Config, 'WORKBENCH_PRICE_INPUT' | 'WORKBENCH_PRICE_OUTPUT'>>, prompt: Prompt, model = config.WORKBENCH_MODEL): RunParams {
  return {
    model,
    provider: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    temperature: prompt.params.temperature,
    maxTokens: prompt.params.maxTokens ?? null,
    // The office's prices, when set, are recorded with the run (they are left out of the cache key).
    ...(config.WORKBENCH_PRICE_INPUT !== undefined && config.WORKBENCH_PRICE_OUTPUT !== undefined
      ? { price: { input: config.WORKBENCH_PRICE_INPUT, output: config.WORKBENCH_PRICE_OUTPUT } }
      : {}),
  };
}

export interface RunRecord {
  jobId: string | null;
  /** Null for a call made outside an article (an eval). */
  articleId: string | null;
  segmentId: string | null;
  prompt: Prompt;
  params: RunParams;
  cacheKey: string | null;
  output: string | null;
  tokensIn: number | null;
  tokensOut: number | null;
  latencyMs: number | null;
  cached: boolean;
  error: string | null;
}

/** The row of one call (or one cache hit), with a new id. */
export function runRow(r: RunRecord): NewModelRunRow {
  return {
    id: newId('run'),
    job_id: r.jobId,
    article_id: r.articleId,
    segment_id: r.segmentId,
    prompt_id: r.prompt.id,
    prompt_version: r.prompt.version,
    prompt_hash: r.prompt.hash,
    model: r.params.model,
    params_json: JSON.stringify(r.params),
    cache_key: r.cacheKey,
    output: r.output,
    tokens_in: r.tokensIn,
    tokens_out: r.tokensOut,
    latency_ms: r.latencyMs,
    // A cache hit cost nothing now; its original call carries the cost.
    cost_usd: r.cached ? 0 : costUsd(r.params.model, r.tokensIn, r.tokensOut, r.params.price),
    cached: r.cached ? 1 : 0,
    error: r.error,
    created_at: new Date().toISOString(),
  };
}

/** Store one call (or one cache hit) and return its id. */
export async function recordRun(runs: ModelRunsRepository, r: RunRecord): Promise<string> {
  const row = runRow(r);
  await runs.insert(row);
  return row.id;
}

export function toModelRun(row: ModelRunRow): ModelRun {
  return {
    id: row.id,
    jobId: row.job_id,
    segmentId: row.segment_id,
    promptId: row.prompt_id,
    promptVersion: row.prompt_version,
    promptHash: row.prompt_hash,
    model: row.model,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    latencyMs: row.latency_ms,
    costUsd: row.cost_usd,
    cached: row.cached === 1,
    error: row.error,
    createdAt: row.created_at,
  };
}
