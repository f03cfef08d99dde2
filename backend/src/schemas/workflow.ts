/**
 * Schemas of the review workflow: article assignment, the articles-list filters, reviewers' annotations and the
 * quality report. The frontend may `import type` from here.
 */
import { z } from 'zod';
import { MqmCategory, MqmError, MqmSeverity } from '../qa/mqm.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const AssignBody = z
  .object({ assignee: z.string().max(64).nullable().optional(), reviewer: z.string().max(64).nullable().optional(), dueDate: Day.nullable().optional() })
  .strict();
export type AssignBody = z.infer<typeof AssignBody>;

export const ArticlesQuery = z.object({
  /** Only articles the signed-in user translates or reviews. */
  mine: z.enum(['true', 'false']).optional(),
  /** Only articles due on or before this day. */
  dueBefore: Day.optional(),
});

export const Annotation = MqmError.extend({
  id: z.number(),
  segmentId: z.string(),
  reviewer: z.string(),
  at: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type Annotation = z.infer<typeof Annotation>;

export const QualityReport = z.object({
  articleId: z.string(),
  title: z.string(),
  sourceWords: z.number().int(),
  segments: z.number().int(),
  approved: z.number().int(),
  /** Approved segments whose text the reviewer did not change after the translator's confirmation. */
  approvedUnchanged: z.number().int(),
  approvedUnchangedShare: z.number(),
  errors: z.number().int(),
  penalty: z.number(),
  /** MQM penalty per 1,000 source words (minor 1, major 5, critical 25). */
  scorePer1000: z.number(),
  byCategory: z.array(z.object({ category: MqmCategory, minor: z.number().int(), major: z.number().int(), critical: z.number().int() })),
  bySeverity: z.record(MqmSeverity, z.number().int()),
  annotations: z.array(Annotation),
  finalApprovedBy: z.string().nullable(),
  finalApprovedAt: z.string().nullable(),
});
export type QualityReport = z.infer<typeof QualityReport>;
