/**
 * Request and response schemas for the termbase, translation memory, QA and XLIFF interchange. The frontend may
 * `import type` from here. Imports nothing from the project but other schemas.
 */
import { z } from 'zod';
import { QaIssue } from './article.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-mm-dd');

export const Term = z.object({
  id: z.string(),
  vi: z.string(),
  en: z.string(),
  abbr: z.string().optional(),
  note: z.string().optional(),
  forbidden: z.array(z.string()),
  caseSensitive: z.boolean(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  domain: z.string().optional(),
});
export type Term = z.infer<typeof Term>;

export const CreateTermBody = z
  .object({
    vi: z.string().trim().min(1).max(500),
    en: z.string().trim().min(1).max(500),
    abbr: z.string().max(100).optional(),
    note: z.string().max(2000).optional(),
    forbidden: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    caseSensitive: z.boolean().default(false),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    domain: z.string().max(100).optional(),
  })
  .strict();
export type CreateTermBody = z.infer<typeof CreateTermBody>;

/** Every field optional; `null` clears an optional field. */
export const PatchTermBody = z
  .object({
    vi: z.string().trim().min(1).max(500),
    en: z.string().trim().min(1).max(500),
    abbr: z.string().max(100).nullable(),
    note: z.string().max(2000).nullable(),
    forbidden: z.array(z.string().trim().min(1).max(500)).max(50),
    caseSensitive: z.boolean(),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    domain: z.string().max(100).nullable(),
  })
  .partial()
  .strict();
export type PatchTermBody = z.infer<typeof PatchTermBody>;

export const ImportResult = z.object({ format: z.string(), imported: z.number().int(), skipped: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

export const TmMatch = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** 0..1; 1 is an exact match (same words after NFC, case and tone-placement normalisation). */
  score: z.number(),
  exact: z.boolean(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  /** 'paragraph', or 'sentence': a sentence pair of an approved paragraph, matched against one sentence of the query. */
  kind: z.enum(['paragraph', 'sentence']).optional(),
  /** For a sentence match: which sentence of the queried text (0-based) and where it is. */
  sentence: z.object({ index: z.number().int(), start: z.number().int(), end: z.number().int() }).optional(),
  /** Figures that differ between the memory's source and the queried one (each lowers the score). */
  numberChanges: z.array(z.object({ memory: z.string().nullable(), current: z.string().nullable() })).optional(),
  /** 'passed' | 'override' | 'failed' | 'unchecked': only the first two are sent to the model as examples. */
  qaStatus: z.string().optional(),
});
export type TmMatch = z.infer<typeof TmMatch>;

export const TmLookupQuery = z.object({
  source: z.string().min(1).max(20_000),
  threshold: z.coerce.number().min(0.5).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

export const QaCheckBody = z.object({ source: z.string().max(20_000), translation: z.string().max(20_000) }).strict();
export const QaCheckResponse = z.object({ issues: z.array(QaIssue) });

export const XliffImportResult = z.object({
  version: z.enum(['2.0', '1.2']),
  updated: z.array(z.string()),
  unchanged: z.number().int(),
  unknownIds: z.array(z.string()),
  changedSources: z.array(z.string()),
  conflicts: z.array(z.string()),
});
export type XliffImportResult = z.infer<typeof XliffImportResult>;

export const ArticleQaResponse = z.object({ segments: z.array(z.object({ id: z.string(), issues: z.array(QaIssue) })) });
