/** Article use cases: import (intake + keep the original), list, read, delete. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { Article, ArticleSummary } from '../schemas/article.ts';
import type { IntakeInput, IntakeResult } from '../text/intake.ts';
import { countSegments, toArticle, toSummary } from './article-dto.ts';
import { newId, segmentId } from './ids.ts';
import { runtimeFor } from './translation-runtime.ts';

/** Run intake (in a worker thread) without saving, so the import dialog can show what would be cut. */
export function previewArticle(deps: Pick<Deps, 'intake'>, input: IntakeInput): Promise<IntakeResult> {
  return deps.intake.run(input);
}

/** Import a document: intake (in a worker thread), keep the original under DATA_DIR/originals, store the article and its segments. */
export async function createArticle(deps: Pick<Deps, 'store' | 'config' | 'intake'>, input: IntakeInput): Promise<Article> {
  const result = await deps.intake.run(input);
  // A document of megabytes arrives with tens of thousands of sentence spans: storing it, reading it back and
  // answering are each tens of milliseconds, so let other requests in between rather than hold the loop for all.
  await setImmediate();
  const id = newId('art');
  const now = new Date().toISOString();
  const originalPath = await keepOriginal(deps.config.dataDir, id, input);
  await saveOrForget(deps.config.dataDir, id, () => deps.store.articles.create(
    {
      id,
      title: result.title,
      status: 'imported',
      source_format: result.format,
      original_name: input.file?.name ?? null,
      original_path: originalPath,
      removed_json: JSON.stringify(result.removed),
      conversions_json: JSON.stringify(result.conversions),
      created_at: now,
      updated_at: now,
    },
    result.segments.map((s) => ({
      id: segmentId(id, s.index),
      article_id: id,
      idx: s.index,
      kind: s.kind,
      source: s.source,
      sentences_json: JSON.stringify(s.sentences),
      machine_translation: null,
      mt_run_id: null,
      translation: null,
      status: 'new',
      origin: null,
      error: null,
      qa_json: '[]',
      version: 1,
      updated_at: now,
      updated_by: null,
    })),
  ));
  await setImmediate();
  return getArticle(deps, id);
}

/** Longest name kept for an original, in UTF-8 bytes: file systems allow 255, and a name over that was a 500. */
export const ORIGINAL_NAME_MAX_BYTES = 200;
const EXTENSION_MAX = 16;

/**
 * A safe file name for a kept original: no path, only letters, digits and `._-`, at most `maxBytes` of UTF-8, cut
 * between characters and keeping the extension ("Báo cáo … .docx" stays a .docx).
 * @example originalFileName('../../Bài viết.docx') // 'Bài_viết.docx'
 */
export function originalFileName(name: string, maxBytes = ORIGINAL_NAME_MAX_BYTES): string {
  const safe = path.basename(name).replace(/[^\p{L}\p{N}._-]+/gu, '_').normalize('NFC') || 'upload';
  if (Buffer.byteLength(safe) <= maxBytes) return safe;
  const ext = path.extname(safe).length <= EXTENSION_MAX ? path.extname(safe) : '';
  let stem = '';
  let bytes = Buffer.byteLength(ext);
  // By code point, so a cut never splits a character's UTF-8 bytes (or a surrogate pair).
  for (const ch of safe.slice(0, safe.length - ext.length)) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    stem += ch;
  }
  return (stem || 'upload') + ext;
}

/** Run `save`; when it fails, remove the folder of originals of the article it would have saved. */
async function saveOrForget(dataDir: string, id: string, save: () => Promise<unknown>): Promise<void> {
  try {
    await save();
  } catch (err) {
    await fs.rm(path.join(dataDir, 'originals', id), { recursive: true, force: true });
    throw err;
  }
}

async function keepOriginal(dataDir: string, id: string, input: IntakeInput): Promise<string> {
  const name = input.file ? originalFileName(input.file.name) : input.html !== undefined ? 'pasted.html' : 'pasted.txt';
  const rel = path.join('originals', id, name);
  await fs.mkdir(path.join(dataDir, 'originals', id), { recursive: true });
  // Never leave an empty folder behind for an article that was not saved.
  await saveOrForget(dataDir, id, () => fs.writeFile(path.join(dataDir, rel), input.file?.data ?? input.html ?? input.text ?? ''));
  return rel;
}

export async function getArticle(deps: Pick<Deps, 'store'>, id: string): Promise<Article> {
  const row = await deps.store.articles.get(id);
  if (!row) throw new Errors.ArticleNotFound(id);
  const segments = await deps.store.segments.listByArticle(id);
  // Only the runs the segments point at: an article's full run history grows with every re-translation.
  const runs = await deps.store.runs.getMany(segments.flatMap((s) => (s.mt_run_id ? [s.mt_run_id] : [])));
  return toArticle(row, segments, runs);
}

export async function listArticles(deps: Pick<Deps, 'store'>): Promise<ArticleSummary[]> {
  const [rows, counts] = await Promise.all([deps.store.articles.list(), deps.store.segments.countsByArticle()]);
  return rows.map((r) => toSummary(r, counts.get(r.id) ?? countSegments([])));
}

/** Delete an article with its segments, jobs and briefs, and its kept original. */
export async function deleteArticle(deps: Pick<Deps, 'store' | 'config'>, id: string): Promise<void> {
  const row = await deps.store.articles.get(id);
  if (!row) throw new Errors.ArticleNotFound(id);
  // Stop its jobs first: a call still in flight would otherwise write into rows that no longer exist.
  const active = (await deps.store.jobs.listByArticle(id)).filter((j) => j.status === 'running' || j.status === 'queued');
  if (active.length > 0) {
    const { runner } = await runtimeFor(deps);
    for (const job of active) await runner.cancel(job.id);
  }
  await deps.store.articles.delete(id);
  await fs.rm(path.join(deps.config.dataDir, 'originals', id), { recursive: true, force: true });
}

/** True when the article exists and every one of its segments is approved: what a reader may see. */
export async function isArticleApproved(deps: Pick<Deps, 'store'>, id: string): Promise<boolean> {
  const segments = await deps.store.segments.listByArticle(id);
  return segments.length > 0 && segments.every((s) => s.status === 'approved');
}
