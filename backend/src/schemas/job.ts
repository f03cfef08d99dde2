/**
 * Jobs (translate, brief), their server-sent events, model runs, prompts and briefs as the API shows them.
 * The frontend may `import type` from here. Imports nothing from the project but zod and the sibling schemas.
 */
import { z } from 'zod';
import type { QaIssue } from './article.ts';

export const JobKind = z.enum(['translate', 'brief']);
export type JobKind = z.infer<typeof JobKind>;

export const JobStatus = z.enum(['queued', 'running', 'done', 'partial', 'failed', 'cancelled', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatus>;

/** Statuses a job never leaves on its own; `interrupted`, `partial`, `failed` and `cancelled` can be resumed. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['done', 'partial', 'failed', 'cancelled', 'interrupted'];

export const Job = z.object({
  id: z.string(),
  articleId: z.string(),
  kind: JobKind,
  status: JobStatus,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: z.string() });

export const TranslateBody = z
  .object({
    /** `all` re-translates every segment an editor has not touched (unchanged input is served from the cache). */
    scope: z.enum(['all', 'missing']).default('all'),
  })
  .strict();
export type TranslateBody = z.infer<typeof TranslateBody>;

export const BriefBody = z.object({ length: z.enum(['short', 'standard', 'detailed']).default('standard') }).strict();
export type BriefBody = z.infer<typeof BriefBody>;

/** One SSE event of a job: `progress` (also sent first to a late subscriber), `segment`, `done`, `error`. */
export type JobEvent =
  | { type: 'progress'; job: Job }
  | { type: 'segment'; segmentId: string; status: string; translation: string | null; cached: boolean; error: string | null; qa?: QaIssue[] }
  | { type: 'done'; job: Job }
  | { type: 'error'; message: string };

export const ModelRun = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  segmentId: z.string().nullable(),
  promptId: z.string(),
  promptVersion: z.string(),
  promptHash: z.string(),
  model: z.string(),
  params: z.record(z.string(), z.unknown()),
  tokensIn: z.number().nullable(),
  tokensOut: z.number().nullable(),
  latencyMs: z.number().nullable(),
  costUsd: z.number().nullable(),
  cached: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type ModelRun = z.infer<typeof ModelRun>;

export const PromptInfo = z.object({
  ref: z.string(),
  id: z.string(),
  version: z.string(),
  description: z.string(),
  params: z.record(z.string(), z.unknown()),
  inputVariables: z.array(z.string()),
  hash: z.string(),
  active: z.boolean(),
});

export const BriefResponse = z.object({
  id: z.string(),
  articleId: z.string(),
  jobId: z.string().nullable(),
  runId: z.string().nullable(),
  length: z.string(),
  approved: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  /** draft (a new or restored version), approved, or failed (the model's answer did not validate twice: see `error`). */
  status: z.enum(['draft', 'approved', 'failed']),
  error: z.string().nullable(),
  /** The version this one was restored from. */
  restoredFrom: z.string().nullable(),
  qaOverride: z.string().nullable(),
  content: z.object({
    headline: z.string(),
    summary: z.string(),
    keyPoints: z.array(z.object({ text: z.string(), segmentIds: z.array(z.string()) })),
    people: z.array(z.object({ name: z.string(), role: z.string() })),
    organisations: z.array(z.string()),
    places: z.array(z.string()),
    figures: z.array(z.object({ value: z.string(), unit: z.string(), measure: z.string(), segmentId: z.string() })),
    length: z.string(),
  }),
});
export type BriefResponse = z.infer<typeof BriefResponse>;

/** An editor's save of the brief: the whole content, approval, and the version it was based on. */
export const SaveBriefBody = z
  .object({
    content: BriefResponse.shape.content,
    approved: z.boolean(),
    version: z.number().int().min(1),
    /** Approve although segments of the article still have QA errors; the reason is kept on the brief. */
    qaOverride: z.object({ reason: z.string().trim().min(3, 'Say why the QA errors may stay (at least 3 characters)').max(1000) }).strict().optional(),
  })
  .strict();

/** One version of an article's brief, as the history lists it (newest first). */
export const BriefVersion = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['draft', 'approved', 'failed']),
  error: z.string().nullable(),
  restoredFrom: z.string().nullable(),
  version: z.number().int(),
  length: z.string(),
  headline: z.string(),
  current: z.boolean(),
});
export type BriefVersion = z.infer<typeof BriefVersion>;
export type SaveBriefBody = z.infer<typeof SaveBriefBody>;
