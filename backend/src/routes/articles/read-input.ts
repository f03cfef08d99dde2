/** Turn a JSON body or a multipart upload into intake input; HTTP parsing only. */
import type { FastifyRequest } from 'fastify';
import { Errors } from '../../errors.ts';
import { CreateArticleBody } from '../../schemas/article.ts';
import type { IntakeInput } from '../../text/intake.ts';
import { readingMultipart } from '../multipart-guard.ts';

export async function readArticleInput(req: FastifyRequest): Promise<IntakeInput> {
  if (req.isMultipart()) {
    let title: string | undefined;
    let restore: number[] | undefined;
    let file: IntakeInput['file'];
    await readingMultipart(async () => {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          file = { name: part.filename || 'upload', data: await part.toBuffer(), mime: part.mimetype };
        } else if (part.fieldname === 'title' && typeof part.value === 'string') {
          title = part.value.trim() || undefined;
        } else if (part.fieldname === 'restore' && typeof part.value === 'string') {
          restore = parseRestore(part.value);
        }
      }
    });
    if (!file) throw new Errors.MalformedInput('The upload has no file: send the document in a multipart field named "file"');
    return { title, file, restore };
  }
  const parsed = CreateArticleBody.safeParse(req.body);
  if (!parsed.success) {
    throw new Errors.MalformedInput(
      'Send JSON {"title"?, "text"} or {"title"?, "html"}, or upload a .txt, .html or .docx file as multipart field "file"',
    );
  }
  return parsed.data;
}

/** The multipart form of `restore`: positions separated by commas, e.g. "3,7". */
function parseRestore(value: string): number[] {
  const parts = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (!parts.every((v) => /^\d{1,6}$/.test(v))) {
    throw new Errors.MalformedInput(`"restore" must list positions separated by commas, e.g. "3,7" (got "${value.slice(0, 40)}")`);
  }
  return parts.map(Number);
}
