/**
 * Request and response schemas for articles and segments. The frontend may `import type` from here.
 * Imports nothing from the project but zod and the pure MQM vocabulary.
 */
import { z } from 'zod';
import { MqmError } from '../qa/mqm.ts';

export const SegmentKind = z.enum(['title', 'lead', 'paragraph', 'heading', 'caption', 'byline']);
export type SegmentKind = z.infer<typeof SegmentKind>;

export const SegmentStatus = z.enum(['new', 'translated', 'edited', 'confirmed', 'approved', 'failed']);
export type SegmentStatus = z.infer<typeof SegmentStatus>;

export const ArticleStatus = z.enum(['imported', 'translating', 'translated', 'in_review', 'approved']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

/** A sentence inside a segment as UTF-16 offsets into `source` (Intl.Segmenter), for alignment highlighting. */
export const SentenceSpan = z.object({ start: z.number().int(), end: z.number().int() });

export const QaIssue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  /**
   * The parts of the message, so an interface in another language can write it from the code, `variant` (for a code
   * with several message shapes) and these values; the English `message` stays the fallback.
   */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  span: z.object({ side: z.enum(['source', 'translation']), start: z.number().int(), end: z.number().int() }).nullable().optional(),
});
export type QaIssue = z.infer<typeof QaIssue>;

export const Segment = z.object({
  id: z.string(),
  index: z.number().int(),
  kind: SegmentKind,
  source: z.string(),
  sentences: z.array(SentenceSpan),
  machineTranslation: z.string().nullable(),
  translation: z.string().nullable(),
  status: SegmentStatus,
  version: z.number().int(),
  origin: z.enum(['model', 'memory', 'editor', 'import']).nullable(),
  error: z.string().nullable(),
  qa: z.array(QaIssue),
  mtRun: z
    .object({ id: z.string(), model: z.string(), promptId: z.string(), promptVersion: z.string(), createdAt: z.string() })
    .nullable(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof Segment>;

/** A piece of the input that intake cut, kept so an editor can restore it. */
export const Removed = z.object({
  text: z.string(),
  reason: z.string(),
  /** Position among the input paragraphs, so a restore can put it back in order. */
  position: z.number().int(),
});
export type Removed = z.infer<typeof Removed>;

/** Who translates and who reviews an article, and by when (YYYY-MM-DD). */
export const Assignment = {
  assignee: z.string().nullable().optional(),
  reviewer: z.string().nullable().optional(),
  dueDate: z.string().nullable().optional(),
};

export const Article = z.object({
  id: z.string(),
  title: z.string(),
  status: ArticleStatus,
  ...Assignment,
  createdAt: z.string(),
  updatedAt: z.string(),
  sourceFormat: z.enum(['text', 'html', 'txt', 'docx']),
  originalName: z.string().nullable(),
  conversions: z.array(z.string()),
  removed: z.array(Removed),
  segments: z.array(Segment),
});
export type Article = z.infer<typeof Article>;

export const ArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: ArticleStatus,
  ...Assignment,
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: z.object({
    total: z.number().int(),
    new: z.number().int(),
    translated: z.number().int(),
    edited: z.number().int(),
    confirmed: z.number().int(),
    approved: z.number().int(),
    failed: z.number().int(),
    flagged: z.number().int(),
  }),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

/** `restore`: positions of cut pieces (from a preview's `removed`) to keep in the article. */
const Restore = z.array(z.number().int().min(0)).max(1000).optional();
export const CreateArticleBody = z.union([
  z.object({ title: z.string().max(500).optional(), text: z.string(), restore: Restore }).strict(),
  z.object({ title: z.string().max(500).optional(), html: z.string(), restore: Restore }).strict(),
]);
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

/** Why a person lets a translation through although QA reports errors. */
export const QaOverride = z.object({ reason: z.string().trim().min(3, 'Say why the QA errors may stay (at least 3 characters)').max(1000) }).strict();
export type QaOverride = z.infer<typeof QaOverride>;

/** 409 of the QA gate: the move was refused and nothing saved; `issues` are the QA errors to fix or override. */
export const QaGateBlocked = z.object({ error: z.object({ code: z.literal('ERR_QA_GATE_BLOCKED'), message: z.string() }), issues: z.array(QaIssue) });

/** 409 of the QA gate for an article-level action (brief approval, final export): the errors and their segments. */
export const ArticleQaGateBlocked = z.object({
  error: z.object({ code: z.literal('ERR_QA_GATE_BLOCKED'), message: z.string() }),
  issues: z.array(QaIssue.extend({ segmentId: z.string(), segmentIndex: z.number().int() })),
});

export const PatchSegmentBody = z
  .object({
    translation: z.string().max(20_000).optional(),
    /** `translated` is the machine draft, `confirmed` a translator's sign-off, `approved` a reviewer's. */
    status: z.enum(['edited', 'confirmed', 'approved', 'translated']).optional(),
    version: z.number().int().min(1),
    /** Only used without accounts (single-user mode); a signed-in user's edits carry their own name. */
    editor: z.string().max(100).optional(),
    /** Errors a reviewer found when changing a translator's confirmed translation (required then). */
    annotations: z.array(MqmError).max(20).optional(),
    /** Approve (or confirm) although QA reports errors; the reason goes into the edit history. */
    qaOverride: QaOverride.optional(),
  })
  .strict();
export type PatchSegmentBody = z.infer<typeof PatchSegmentBody>;

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
