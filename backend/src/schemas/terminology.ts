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

/** One row, entry or unit of an import file that was not taken, and why. */
export const ImportSkip = z.object({
  /** CSV: the 1-based line. */
  line: z.number().int().optional(),
  /** TBX entry or TMX unit: the 1-based position in the file. */
  index: z.number().int().optional(),
  id: z.string().optional(),
  reason: z.string(),
});
export type ImportSkip = z.infer<typeof ImportSkip>;

/** A stored field an import changes (or, with dryRun, would change). */
export const ImportOverwrite = z.object({
  id: z.string(),
  vi: z.string(),
  en: z.string(),
  fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

export const ImportResult = z.object({
  format: z.string(),
  /** Entries or units created or changed (termbase), or stored (memory). */
  imported: z.number().int(),
  /** How many rows, entries or units were not taken; `skippedItems` lists each with its reason. */
  skipped: z.number().int(),
  skippedItems: z.array(ImportSkip).optional(),
  /** Termbase: new entries, existing entries changed, existing entries the file left as they were. */
  created: z.number().int().optional(),
  updated: z.number().int().optional(),
  unchanged: z.number().int().optional(),
  /** Termbase: every stored field the file changes, with the old and new value. */
  overwritten: z.array(ImportOverwrite).optional(),
  /** Memory: pairs already stored whose provenance was merged (earliest creation, latest change, links kept). */
  merged: z.number().int().optional(),
  /** CSV: the delimiter that was detected. */
  delimiter: z.string().optional(),
  /** True when nothing was saved (`?dryRun=true`): the report says what the import would do. */
  dryRun: z.boolean().optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const TmMatch = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** 0..1; 1 is an exact match (same words after NFC, case and tone-placement normalisation). */
  score: z.number(),
  exact: z.boolean(),
  createdBy: z.string().nullable(),
  /** Who changed the unit last (a later approval, or TMX changeid). */
  changedBy: z.string().nullable().optional(),
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

/** Why a unit of an XLIFF re-import changed nothing. */
export const XliffIgnoredUnit = z.object({
  id: z.string(),
  reason: z.enum(['unknown-id', 'changed-source', 'conflict', 'no-target', 'not-translatable']),
  message: z.string(),
});
export type XliffIgnoredUnit = z.infer<typeof XliffIgnoredUnit>;

export const XliffImportResult = z.object({
  version: z.enum(['2.0', '1.2']),
  /** Units in the file. */
  units: z.number().int(),
  updated: z.array(z.string()),
  unchanged: z.number().int(),
  unknownIds: z.array(z.string()),
  changedSources: z.array(z.string()),
  conflicts: z.array(z.string()),
  /** Every unit that changed nothing for a reason other than "same as stored", with that reason. */
  ignored: z.array(XliffIgnoredUnit),
  /** Set when the import changed no segment: what to do about it, in words. */
  warning: z.string().optional(),
});
export type XliffImportResult = z.infer<typeof XliffImportResult>;

export const ArticleQaResponse = z.object({ segments: z.array(z.object({ id: z.string(), issues: z.array(QaIssue) })) });
