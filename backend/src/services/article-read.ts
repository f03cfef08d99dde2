/**
 * The article read as bytes, built once per revision of the article and shared by every request until the article
 * changes. A 300-segment article is ~700 KB of JSON: loading, checking against the response schema and serialising it
 * took ~35 ms of CPU per request, and compressing it as much again, so 50 editors re-reading it saturated the server.
 * The revision (storage `articles.revision`) is one cheap query, so a changed article is never served stale.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { Article, Segment } from '../schemas/article.ts';
import { getArticle } from './articles.ts';

export type BodyEncoding = 'br' | 'gzip';

/** A JSON body with its strong ETag; its compressed forms are made on first demand, off the event loop. */
export interface CachedBody {
  etag: string;
  json: Buffer;
  encoded(encoding: BodyEncoding): Promise<Buffer>;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Made once per revision, so a better ratio than per-request compression affords (quality 4 there). */
const BROTLI_QUALITY = 5;
/** Articles kept; an entry is the JSON plus its compressed forms (~0.9 MB for 300 segments). */
const MAX_ARTICLES = 16;

/** A JSON body and its ETag (a hash of the bytes, so equal bodies get equal tags even across restarts). */
export function cachedBody(json: Buffer): CachedBody {
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  const forms = new Map<BodyEncoding, Promise<Buffer>>();
  return {
    etag,
    json,
    encoded(encoding) {
      let form = forms.get(encoding);
      if (!form) {
        form = encoding === 'br' ? brotli(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }) : gzip(json);
        forms.set(encoding, form);
      }
      return form;
    },
  };
}

interface Entry {
  revision: string;
  body: Promise<CachedBody>;
  /** Each segment's checked JSON by id, with the version it was made from: an edit rebuilds only what it changed. */
  segments: Promise<Map<string, SegmentJson>>;
}

const ArticleHead = Article.omit({ segments: true });

interface SegmentJson {
  key: string;
  json: string;
}

/** Per store, so two apps in one process (tests) never share articles. */
const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * The article `id` as JSON bytes, checked against the response schema once per revision (a segment once per version).
 * Concurrent reads of the same revision share one build.
 * @throws ERR_ARTICLE_NOT_FOUND
 */
export async function readArticleBody(deps: Pick<Deps, 'store'>, id: string): Promise<CachedBody> {
  let cache = caches.get(deps.store);
  if (!cache) caches.set(deps.store, (cache = new Map()));
  const revision = await deps.store.articles.revision(id);
  if (revision === undefined) {
    cache.delete(id);
    throw new Errors.ArticleNotFound(id);
  }
  const hit = cache.get(id);
  if (hit?.revision === revision) {
    // Most recently used last, so the eviction below drops the least recently read article.
    cache.delete(id);
    cache.set(id, hit);
    return hit.body;
  }
  // The rows are read after the revision, so the body is never older than the revision it is stored under.
  // Set before any await, so reads arriving meanwhile share this build instead of starting their own.
  const built = buildBody(deps, id, hit?.segments.catch(() => undefined));
  const entry: Entry = { revision, body: built.then((b) => b.body), segments: built.then((b) => b.segments) };
  cache.delete(id);
  cache.set(id, entry);
  while (cache.size > MAX_ARTICLES) cache.delete(cache.keys().next().value!);
  // A failed build is not kept: the next read tries again.
  entry.segments.catch(() => {
    if (cache.get(id) === entry) cache.delete(id);
  });
  return entry.body;
}

async function buildBody(deps: Pick<Deps, 'store'>, id: string, before: Promise<Map<string, SegmentJson> | undefined> | undefined) {
  const { segments, ...head } = await getArticle(deps, id);
  const previous = await before;
  const made = new Map<string, SegmentJson>();
  const parts = segments.map((segment) => {
    // Every change to a segment row bumps its version; the run it points at never changes.
    const key = `${segment.version}|${segment.updatedAt}|${segment.mtRun?.id ?? ''}`;
    const known = previous?.get(segment.id);
    const json = known?.key === key ? known.json : JSON.stringify(z.encode(Segment, segment));
    made.set(segment.id, { key, json });
    return json;
  });
  const headJson = JSON.stringify(z.encode(ArticleHead, head));
  const json = `${headJson.slice(0, -1)},"segments":[${parts.join(',')}]}`;
  return { body: cachedBody(Buffer.from(json)), segments: made };
}
