/**
 * Send a body built once and shared by many requests (services/article-read.ts): a 304 with no body when the
 * client's copy is current, else the JSON in the best encoding the client accepts, compressed ahead of time.
 * `Cache-Control: no-cache` plus the ETag lets the browser keep the body and revalidate on every read, so the
 * editor's re-reads of an unchanged article cost a header.
 */
import { createHash } from 'node:crypto';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import type { BodyEncoding, CachedBody } from '../services/article-read.ts';

const encodings = new Negotiator<BodyEncoding>({ supportedValues: ['br', 'gzip'] });

/** If-None-Match holds `etag` (weak comparison, as RFC 9110 asks for this header) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

export async function sendCachedJson(req: FastifyRequest, reply: FastifyReply, body: CachedBody): Promise<FastifyReply> {
  reply.header('etag', body.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (etagMatches(req.headers['if-none-match'], body.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  const accepted = req.headers['accept-encoding'];
  const encoding = accepted ? encodings.negotiate(accepted) : null;
  if (!encoding) return reply.send(body.json);
  // Set before send, so @fastify/compress leaves the body alone.
  const bytes = await body.encoded(encoding);
  return reply.header('content-encoding', encoding).send(bytes);
}

/** Replies smaller than this are not worth a hash: the headers of a 304 are about as big. */
const ETAG_MIN_BYTES = 1024;

/**
 * onSend hook: every other API read of 1 KB or more gets an ETag made from its serialised body (and no-cache), and a
 * current If-None-Match gets a 304 with no body. It saves the transfer, not the work, so the article read, whose work
 * is the cost, has its own cache above; this is the cheap version for the rest (lists, QA, history, briefs).
 */
export const revalidateApiReads: onSendHookHandler<unknown> = async (req, reply, payload) => {
  if (req.method !== 'GET' || reply.statusCode !== 200 || reply.hasHeader('etag') || typeof payload !== 'string') return payload;
  if (payload.length < ETAG_MIN_BYTES || !req.url.startsWith('/api/')) return payload;
  // A route that chose its own caching (no-store for something private) keeps it.
  const cacheControl = reply.getHeader('cache-control');
  if (String(cacheControl ?? '').includes('no-store')) return payload;
  const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
  reply.header('etag', etag);
  if (cacheControl === undefined) reply.header('cache-control', 'no-cache');
  if (!etagMatches(req.headers['if-none-match'], etag)) return payload;
  reply.code(304);
  return null;
};
