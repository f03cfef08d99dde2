/**
 * An interchange file (CSV, TBX, TMX, XLIFF) sent as a multipart upload (field "file"), as a raw text/XML body, or as
 * JSON {"content": "..."}; HTTP parsing only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../../errors.ts';
import { readingMultipart } from '../multipart-guard.ts';

/** Accept raw CSV and XML bodies in the calling plugin (encapsulated: other routes are unaffected). */
export function acceptTextBodies(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/xml', 'text/xml', 'application/x-tbx+xml', 'application/x-xliff+xml', 'application/x-tmx+xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
}

/** The uploaded file's text (UTF-8, BOM removed). */
export async function readFileBody(req: FastifyRequest, what: string): Promise<string> {
  let text: string | undefined;
  if (req.isMultipart()) {
    const data = await readingMultipart(async () => (await req.file())?.toBuffer());
    if (data) text = data.toString('utf8');
  } else if (typeof req.body === 'string') text = req.body;
  else if (req.body && typeof (req.body as { content?: unknown }).content === 'string') text = (req.body as { content: string }).content;
  if (!text?.trim()) throw new Errors.MalformedInput(`Send the ${what} as a multipart field "file", as the raw request body, or as JSON {"content": "..."}`);
  return text.replace(/^\uFEFF/, '');
}
