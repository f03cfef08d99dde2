/**
 * Export use case: an article's English translation, its brief, or a bilingual table, as Markdown or .docx.
 * Reads through the store and hands the data to the pure renderers in export-markdown.ts and export-docx.ts.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { Article } from '../schemas/article.ts';
import { getArticle } from './articles.ts';
import { bilingualDocx, briefDocx, translationDocx } from './export-docx.ts';
import { bilingualMarkdown, briefMarkdown, translationMarkdown } from './export-markdown.ts';
import type { ExportBrief, ExportFormat, ExportKind } from './export-model.ts';

export type { ExportBrief, ExportFormat, ExportKind };

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name from the English title: ASCII letters and digits, at most 60 characters, then the kind. */
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

/** Render an article (and brief, when asked for) into the requested file. Pure apart from .docx packing. */
export async function renderExport(article: Article, brief: ExportBrief | null, kind: ExportKind, format: ExportFormat): Promise<ExportFile> {
  if (kind === 'brief' && !brief) throw new Errors.NotFound(`Article ${article.id} has no brief yet: generate one before exporting it`);
  const filename = exportFilename(article, kind, format);
  if (format === 'md') {
    const body = kind === 'translation' ? translationMarkdown(article) : kind === 'brief' ? briefMarkdown(article, brief!) : bilingualMarkdown(article);
    return { filename, contentType: 'text/markdown; charset=utf-8', body };
  }
  const body = kind === 'translation' ? await translationDocx(article) : kind === 'brief' ? await briefDocx(article, brief!) : await bilingualDocx(article);
  return { filename, contentType: DOCX_TYPE, body };
}

/** Load the article (and its latest brief for kind=brief) and render the export. */
export async function exportArticle(deps: Pick<Deps, 'store'>, id: string, kind: ExportKind, format: ExportFormat): Promise<ExportFile> {
  const article = await getArticle(deps, id);
  let brief: ExportBrief | null = null;
  if (kind === 'brief') {
    const row = await deps.store.briefs.latest(id);
    if (row) brief = { approved: Boolean(row.approved), version: row.version, content: JSON.parse(row.content_json) as ExportBrief['content'] };
  }
  return renderExport(article, brief, kind, format);
}
