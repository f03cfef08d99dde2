/** Eval runs started from the Evaluations page: the request, the run's state as it progresses, and its events. */
import { z } from 'zod';

/** The largest uploaded dataset accepted, in characters of JSONL (5 million, some 7 MB of Vietnamese: ten NTREX dev sets). */
export const MAX_UPLOAD_CHARS = 5_000_000;

export const EvalRunDataset = z.discriminatedUnion('kind', [
  /** The editors' approved corrections in this workbench (GET /api/eval-datasets/corrections). */
  z.object({ kind: z.literal('corrections') }),
  /** The committed NTREX-128 dev set (evals/datasets/ntrex128-vi-en-dev.jsonl). */
  z.object({ kind: z.literal('ntrex-dev') }),
  /** A JSONL dataset the person uploaded, one `{id, vi, en?, doc?, title?}` a line. */
  z.object({
    kind: z.literal('upload'),
    name: z.string().trim().min(1).max(200),
    jsonl: z.string().max(MAX_UPLOAD_CHARS, `the dataset is longer than ${MAX_UPLOAD_CHARS / 1_000_000} million characters: split it, or run it with npm run eval in a terminal`),
  }),
]);
export type EvalRunDataset = z.infer<typeof EvalRunDataset>;

export const EvalRunRequest = z.object({
  dataset: EvalRunDataset,
  /** Translation prompt versions to compare, e.g. ['translate@v1', 'translate@v2']; the active one when absent. */
  prompts: z.array(z.string().min(1).max(100)).min(1).max(6).optional(),
  /** Model names; the configured WORKBENCH_MODEL when absent. */
  models: z
    .array(z.string().regex(/^[\w.:/@+][\w.:/@+-]{0,99}$/, 'a model name is letters, digits and . : / @ + - _, not starting with - (at most 100)'))
    .min(1)
    .max(4)
    .optional(),
  /** Only the first N items of the dataset. */
  limit: z.number().int().min(1).max(100_000).optional(),
});
export type EvalRunRequest = z.infer<typeof EvalRunRequest>;

export const EVAL_RUN_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;

export const EvalRunState = z.object({
  id: z.string(),
  status: z.enum(EVAL_RUN_STATUSES),
  /** What the Evaluations list will show: the dataset file's name. */
  dataset: z.string(),
  prompts: z.array(z.string()),
  models: z.array(z.string()),
  limit: z.number().nullable(),
  /** Items answered (each configuration counts), of all; failed items count as done and in `failed`. */
  progress: z.object({ done: z.number(), total: z.number(), failed: z.number(), cached: z.number() }),
  /** The saved run (GET /api/evals/:id) once done. */
  evalId: z.string().nullable(),
  /** Why the run failed, or the first failed item's error when some items failed. */
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type EvalRunState = z.infer<typeof EvalRunState>;

export const EvalRunOptions = z.object({
  /** Translation prompt versions the server knows, the active one marked. */
  prompts: z.array(z.object({ ref: z.string(), active: z.boolean() })),
  /** The configured model (more can be named). */
  models: z.array(z.string()),
  datasets: z.array(z.object({ kind: z.enum(['corrections', 'ntrex-dev']), items: z.number() })),
  modelConfigured: z.boolean(),
});
export type EvalRunOptions = z.infer<typeof EvalRunOptions>;

export type EvalRunEvent = { type: 'progress'; run: EvalRunState } | { type: 'done'; run: EvalRunState };
