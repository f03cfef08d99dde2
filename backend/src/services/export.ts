/**
 * Export use case: an article's English translation, its brief, or a bilingual table, as Markdown or .docx.
 * Reads through the store and hands the data to the pure renderers in export-markdown.ts and export-docx.ts.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { Article } from '../schemas/article.ts';
import { getArticle } from './articles.ts';
import { articleQaErrors, type SegmentQaIssue } from './brief.ts';
import { bilingualDocx, briefDocx, translationDocx } from './export-docx.ts';
import { bilingualMarkdown, briefMarkdown, translationMarkdown } from './export-markdown.ts';
import { englishOf, englishTitle, REVIEWED, type ExportBrief, type ExportFormat, type ExportKind, type ExportMeta, type SignOff } from './export-model.ts';

export type { ExportBrief, ExportFormat, ExportKind, ExportMeta };

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name from the title given (the English one for exports): ASCII letters and digits, at most 60 characters, then the kind. */
export function exportFilename(article: Pick<Article, 'id' | 'title'>, kind: ExportKind, format: ExportFormat): string {
  const base = article.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
    .toLowerCase();
  return `${base || article.id}-${kind}.${format}`;
}

/**
 * Render an article (and brief, when asked for) into the requested file. The brief's headline is the English title
 * when the title segment has no English. Pure apart from .docx packing.
 */
export async function renderExport(article: Article, brief: ExportBrief | null, kind: ExportKind, format: ExportFormat, meta: ExportMeta = { exportedAt: new Date().toISOString(), final: false }): Promise<ExportFile> {
  const usable = brief && !brief.failed ? brief : null;
  if (kind === 'brief' && !usable) throw new Errors.NotFound(`Article ${article.id} has no brief yet: generate one before exporting it`);
  const filename = exportFilename({ id: article.id, title: kind === 'brief' ? usable!.content.headline : englishTitle(article, usable) }, kind, format);
  if (format === 'md') {
    const body = kind === 'translation' ? translationMarkdown(article, usable, meta) : kind === 'brief' ? briefMarkdown(article, usable!, meta) : bilingualMarkdown(article, usable, meta);
    return { filename, contentType: 'text/markdown; charset=utf-8', body };
  }
  const body = kind === 'translation' ? await translationDocx(article, usable, meta) : kind === 'brief' ? await briefDocx(article, usable!, meta) : await bilingualDocx(article, usable, meta);
  return { filename, contentType: DOCX_TYPE, body };
}

export interface ExportOptions {
  /** Export as final: refused while a segment is unreviewed, or (unless `qaOverride`) while QA errors remain. */
  final?: boolean;
  qaOverride?: string;
  /** Called once a final export passed its checks, before the file is made: records and returns who signs it off. */
  signOff?: () => Promise<SignOff>;
}

/** A segment that keeps an article from going out as final. */
export interface OpenSegment {
  segmentId: string;
  segmentIndex: number;
  status: string;
}

export type ExportResult =
  | { ok: true; file: ExportFile; signOff: SignOff | null }
  | { ok: false; blocked: SegmentQaIssue[] }
  /** Unreviewed segments, every one (the editor links each), and the message naming the first ten. */
  | { ok: false; notFinal: { message: string; segments: OpenSegment[] } };

/**
 * Load the article and its latest brief and render the export.
 * @throws ERR_EXPORT_NOT_FINAL when a final export of the brief finds it unapproved (unreviewed segments are a result)
 */
export async function exportArticle(deps: Pick<Deps, 'store'>, id: string, kind: ExportKind, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportResult> {
  const article = await getArticle(deps, id);
  const row = await deps.store.briefs.latest(id);
  const brief: ExportBrief | null = row ? { approved: Boolean(row.approved), failed: Boolean(row.error), version: row.version, content: JSON.parse(row.content_json) as ExportBrief['content'] } : null;
  let qaOverride: string | null = null;
  if (opts.final) {
    if (kind === 'brief') {
      if (brief && !brief.failed && !brief.approved) throw new Errors.ExportNotFinal('The brief is not approved yet: approve it before exporting it as final');
    } else {
      const open = article.segments.filter((s) => !REVIEWED.has(s.status) || !englishOf(s));
      if (open.length) {
        const numbers = open.map((s) => s.index + 1);
        const message = `${open.length} segment${open.length === 1 ? ' is' : 's are'} not approved (${numbers.slice(0, 10).join(', ')}${open.length > 10 ? ', …' : ''}): machine drafts and unreviewed text cannot go out as final`;
        return { ok: false, notFinal: { message, segments: open.map((s) => ({ segmentId: s.id, segmentIndex: s.index, status: s.status })) } };
      }
    }
    const errors = await articleQaErrors(deps, id);
    if (errors.length && !opts.qaOverride?.trim()) return { ok: false, blocked: errors };
    if (errors.length) qaOverride = opts.qaOverride!.trim();
  }
  const signOff = opts.final && opts.signOff ? await opts.signOff() : null;
  return { ok: true, signOff, file: await renderExport(article, brief, kind, format, { exportedAt: new Date().toISOString(), final: Boolean(opts.final), qaOverride, signOff }) };
}
