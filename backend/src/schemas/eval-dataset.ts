/**
 * The shapes of eval dataset lines (JSONL, one item a line), validated with zod on load by the eval runner and by the
 * server when a dataset is uploaded to start a run from the Evaluations page.
 * Translation items carry Vietnamese source text and an optional English reference; brief items carry an article
 * and an optional reference summary.
 */
import { z } from 'zod';
import { MqmError } from '../qa/mqm.ts';

const nonEmpty = z.string().trim().min(1);

export const TranslationItemSchema = z.object({
  id: nonEmpty,
  vi: nonEmpty,
  en: z.string().optional(),
  doc: z.string().optional(),
  /** The document's title, which the product's chain shows the model with every segment. */
  title: z.string().optional(),
  /** For corrections exported from the workbench: the machine translation the editor replaced. */
  mt: z.string().optional(),
  /** For corrections: the prompt version (e.g. translate@v1) that produced `mt`. */
  prompt: z.string().optional(),
  /** For corrections: the reviewers' MQM errors in `mt`, what the eval judge's agreement is measured against. */
  annotations: z.array(MqmError).optional(),
});
export type TranslationItem = z.infer<typeof TranslationItemSchema>;

export const BriefItemSchema = z.object({
  id: nonEmpty,
  title: z.string().optional(),
  article: nonEmpty,
  summary_ref: z.string().optional(),
});
export type BriefItem = z.infer<typeof BriefItemSchema>;

export type DatasetKind = 'translation' | 'brief';
