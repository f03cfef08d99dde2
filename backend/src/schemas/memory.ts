/** The memory page: units of the translation memory as listed, filtered and corrected. */
import { z } from 'zod';

export const TmUnit = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** 'sentence': a sentence pair stored under the approved paragraph `parentId`. */
  kind: z.enum(['paragraph', 'sentence']),
  parentId: z.string().nullable(),
  /** 'approved' (from the editor) or 'import' (TMX). */
  origin: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  articleId: z.string().nullable(),
  segmentId: z.string().nullable(),
  /** 'passed' | 'override' | 'failed' | 'unchecked': only passed or overridden units are sent to the model. */
  qaStatus: z.string(),
  qaOverride: z.string().nullable(),
  /** How many times the unit was sent to the model as an example, and when last. */
  exampleCount: z.number().int(),
  lastExampleAt: z.string().nullable(),
});
export type TmUnit = z.infer<typeof TmUnit>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'Use a date such as 2026-11-29');

export const TmUnitsQuery = z.object({
  /** Searched in source and English, ignoring case and diacritics. */
  q: z.string().max(500).optional(),
  articleId: z.string().max(120).optional(),
  author: z.string().max(100).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  kind: z.enum(['paragraph', 'sentence']).optional(),
  sentAsExample: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TmUnitsQuery = z.infer<typeof TmUnitsQuery>;

export const TmUnitPatch = z.object({ target: z.string().trim().min(1, 'The English may not be empty: delete the unit instead').max(20_000), editor: z.string().max(100).optional() }).strict();
