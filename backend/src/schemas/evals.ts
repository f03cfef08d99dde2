/**
 * Eval runs as the API shows them. The report itself is produced by evals/ (report.json); the backend stores it and
 * reads back only the fields listed here, so the report may grow without a schema change.
 */
import { z } from 'zod';

export const EvalRunSummary = z.object({
  label: z.string(),
  prompt: z.string(),
  model: z.string(),
  repeat: z.number().int(),
  metrics: z.record(z.string(), z.unknown()),
});

/** What `--save` hands over: report.json, validated on the fields the Evals page needs. */
export const EvalReportInput = z
  .object({
    kind: z.enum(['translation', 'brief']).optional(),
    dataset: z.object({ file: z.string(), items: z.number().int() }),
    runs: z.array(EvalRunSummary.extend({ items: z.array(z.unknown()).optional() })).min(1),
    comparisons: z.array(z.unknown()),
    winner: z.object({ label: z.string() }).passthrough().nullable().optional(),
  })
  .passthrough();
export type EvalReportInput = z.infer<typeof EvalReportInput>;

export const EvalListItem = z.object({
  id: z.string(),
  kind: z.enum(['translation', 'brief']),
  dataset: z.string(),
  items: z.number().int(),
  prompts: z.array(z.string()),
  models: z.array(z.string()),
  runs: z.array(EvalRunSummary),
  winner: z.string().nullable(),
  createdAt: z.string(),
  /** A one-line title for lists, e.g. `smoke-20.jsonl · translate@v1 vs translate@v2`. */
  name: z.string(),
  /** The headline metric of each run (corpus chrF++ for translations, schema-valid share for briefs). */
  scores: z.record(z.string(), z.number()),
});
export type EvalListItem = z.infer<typeof EvalListItem>;

export const EvalDetail = EvalListItem.extend({ report: z.record(z.string(), z.unknown()) });
export type EvalDetail = z.infer<typeof EvalDetail>;
