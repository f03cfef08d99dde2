/** Articles: list, import (with a preview of what intake cuts), fetch and delete. */
import type { Article, ArticleSummary, Removed, Segment } from '../../../backend/src/schemas/article.ts';
import { request } from './http.ts';

export type { Article, ArticleSummary, Removed, Segment };

/** What intake would make of an input, without saving it. */
export interface ImportPreview {
  title: string;
  segments: Array<Pick<Segment, 'kind' | 'source'> & Partial<Segment>>;
  removed: Removed[];
  conversions: string[];
}

/** An import: pasted text, pasted HTML or an uploaded .txt/.html/.docx file. */
export type ImportInput = { title?: string; text: string } | { title?: string; html: string } | { title?: string; file: File | Blob; fileName?: string };

function body(input: ImportInput): { json?: unknown; body?: FormData } {
  if ('file' in input) {
    const form = new FormData();
    if (input.title) form.append('title', input.title);
    form.append('file', input.file, input.fileName ?? (input.file as File).name ?? 'upload.txt');
    return { body: form };
  }
  return { json: input };
}

/** All articles, newest first as the server orders them. */
export async function listArticles(signal?: AbortSignal): Promise<ArticleSummary[]> {
  const res = await request<{ articles: ArticleSummary[] }>('/api/articles', { signal });
  return res.articles;
}

/** One article with its segments. */
export function getArticle(id: string, signal?: AbortSignal): Promise<Article> {
  return request<Article>(`/api/articles/${encodeURIComponent(id)}`, { signal });
}

/** Save an import; resolves to the new article. */
export function createArticle(input: ImportInput): Promise<Article> {
  return request<Article>('/api/articles', { method: 'POST', ...body(input) });
}

/** Run intake without saving, so the editor can see (and restore) what was cut. */
export function previewArticle(input: ImportInput): Promise<ImportPreview> {
  return request<ImportPreview>('/api/articles/preview', { method: 'POST', ...body(input) });
}

/** Delete an article and everything attached to it. */
export async function deleteArticle(id: string): Promise<void> {
  await request<unknown>(`/api/articles/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Rebuild the input text from a preview with the chosen cut paragraphs put back in their places.
 * `removed[].position` counts the input paragraphs (kept and cut), so kept segments fill the other positions in order.
 * @example restoreText(preview, new Set([0])) // the cut dateline first, then the kept paragraphs
 */
export function restoreText(preview: Pick<ImportPreview, 'segments' | 'removed'>, restore: ReadonlySet<number>): string {
  const segments = [...preview.segments].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const byPosition = new Map(preview.removed.map((r, i) => [r.position, { r, i }]));
  const out: string[] = [];
  let next = 0;
  const total = segments.length + preview.removed.length;
  for (let pos = 0; pos < total; pos++) {
    const cut = byPosition.get(pos);
    if (cut) {
      if (restore.has(cut.i)) out.push(cut.r.text);
    } else if (next < segments.length) {
      out.push(segments[next++]!.source);
    }
  }
  // Positions beyond the count (or duplicates) must not lose kept text.
  while (next < segments.length) out.push(segments[next++]!.source);
  return out.join('\n\n');
}
