/** Articles: list, import (with a preview of what intake cuts), fetch, delete, and follow live segment changes. */
import type { Article, ArticleSummary, Removed, Segment } from '../../../backend/src/schemas/article.ts';
import { request } from './http.ts';
import { readSse } from './sse.ts';

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

/**
 * Save an import; resolves to the new article. `restore` lists the `position`s of cut paragraphs to keep
 * (sent as JSON `restore: number[]`, or multipart field `restore` as "3,7").
 */
export function createArticle(input: ImportInput, restore: number[] = []): Promise<Article> {
  const b = body(input);
  if (restore.length > 0) {
    if (b.body) b.body.append('restore', restore.join(','));
    else b.json = { ...(b.json as object), restore };
  }
  return request<Article>('/api/articles', { method: 'POST', ...b });
}

/** Run intake without saving, so the editor can see (and restore) what was cut. */
export function previewArticle(input: ImportInput): Promise<ImportPreview> {
  return request<ImportPreview>('/api/articles/preview', { method: 'POST', ...body(input) });
}

/** Who translates and reviews an article and by when; `null` clears a field, a missing key leaves it. */
export type Assignment = { assignee?: string | null; reviewer?: string | null; dueDate?: string | null };

/** Set an article's translator, reviewer and due date (`PATCH /api/articles/:id`, reviewer or admin). */
export function assignArticle(id: string, body: Assignment): Promise<Article> {
  return request<Article>(`/api/articles/${encodeURIComponent(id)}`, { method: 'PATCH', json: body });
}

/** Delete an article and everything attached to it. */
export async function deleteArticle(id: string): Promise<void> {
  await request<unknown>(`/api/articles/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Follow an article's live segment changes (`GET /api/articles/:id/events`) until the stream ends or `signal` aborts:
 * `onSegment` gets each changed segment whole, `onReady` fires once the server has subscribed this reader.
 */
export async function watchArticle(id: string, handlers: { onSegment: (s: Segment) => void; onReady?: () => void }, signal?: AbortSignal): Promise<void> {
  await readSse(`/api/articles/${encodeURIComponent(id)}/events`, (m) => {
    if (m.event === 'ready') handlers.onReady?.();
    if (m.event !== 'segment') return;
    try {
      const data = JSON.parse(m.data) as { segment?: Segment };
      if (data.segment) handlers.onSegment(data.segment);
    } catch {
      // a malformed event must not end the stream
    }
  }, signal);
}
