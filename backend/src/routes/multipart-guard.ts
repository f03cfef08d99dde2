/** Multipart uploads: checks before @fastify/multipart (busboy) sees a request, and its errors made 4xx; HTTP only. */
import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.ts';

const FORM_DATA = /^\s*multipart\/form-data\s*(?:;|$)/iu;
const BOUNDARY = /;\s*boundary\s*=\s*(?:"[^"]+"|[^\s;"]+)/iu;

/**
 * Refuse `multipart/form-data` without a boundary on every route: busboy throws a plain error for it, which was a
 * 500 on each of the five upload routes.
 * @throws ERR_UPLOAD_NO_BOUNDARY
 */
export async function refuseMultipartWithoutBoundary(req: FastifyRequest): Promise<void> {
  const type = req.headers['content-type'];
  if (type && FORM_DATA.test(type) && !BOUNDARY.test(type)) throw new Errors.UploadNoBoundary();
}

/**
 * Read a multipart body with `read`; busboy reports a truncated or garbled body with plain errors, which become
 * ERR_UPLOAD_MALFORMED (400) here. Errors with a code (a file over the size limit, coded input errors) pass as they are.
 * @example const file = await readingMultipart(() => req.file())
 */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const coded = err as { code?: unknown; statusCode?: unknown };
    if (err instanceof Error && coded.code === undefined && coded.statusCode === undefined) throw new Errors.UploadMalformed(err.message, { cause: err });
    throw err;
  }
}
