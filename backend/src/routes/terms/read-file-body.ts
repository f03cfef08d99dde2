/**
 * An interchange file (CSV, TBX, TMX, XLIFF) sent as a multipart upload (field "file"), as a raw text/XML body, or as
 * JSON {"content": "..."}; HTTP parsing only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../../errors.ts';
import { readingMultipart } from '../multipart-guard.ts';

/** Accept raw CSV and XML bodies in the calling plugin (encapsulated: other routes are unaffected). */
export function acceptTextBodies(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/xml', 'text/xml', 'application/x-tbx+xml', 'application/x-xliff+xml', 'application/x-tmx+xml'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/**
 * The uploaded file: its bytes (multipart or raw body), for the interchange readers to decode by BOM, NUL pattern or
 * XML declaration (a UTF-16 file must not be read as UTF-8 here), or the text of a JSON `content`.
 */
export async function readFileBody(req: FastifyRequest, what: string): Promise<Uint8Array | string> {
  let body: Uint8Array | string | undefined;
  if (req.isMultipart()) {
    const data = await readingMultipart(async () => (await req.file())?.toBuffer());
    if (data) body = data;
  } else if (Buffer.isBuffer(req.body) || typeof req.body === 'string') body = req.body;
  else if (req.body && typeof (req.body as { content?: unknown }).content === 'string') body = (req.body as { content: string }).content;
  const empty = body === undefined || (typeof body === 'string' ? !body.trim() : body.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09));
  if (empty) throw new Errors.MalformedInput(`Send the ${what} as a multipart field "file", as the raw request body, or as JSON {"content": "..."}`);
  return body!;
}
