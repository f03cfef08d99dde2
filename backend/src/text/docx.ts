/**
 * Word .docx to article paragraphs with mammoth: heading styles become headings, the Title style the title and the
 * Caption style captions. Legacy-encoding detection runs later in intake, on the text this returns.
 * Pure (reads only the buffer it is given); imports only types and text/ modules.
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { Errors } from '../errors.ts';
import { assertHtmlDepth, domBlocks } from './html.ts';
import type { Paragraph } from './paragraph.ts';

const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Caption'] => figcaption:fresh",
];
const LAYOUT_SPACE = /[ \t\n\r\f\u00a0]+/gu;

export interface DocxArticle {
  /** Text in the Title style, or empty. */
  title: string;
  paragraphs: Paragraph[];
  /** mammoth's notes on what it could not map (unknown styles and the like). */
  warnings: string[];
}

/**
 * Read a .docx buffer. Images are dropped (only their captions matter here).
 * @throws ERR_INPUT_MALFORMED when the buffer is not a readable .docx
 */
export async function docxToArticle(data: Buffer): Promise<DocxArticle> {
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: data },
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
  } catch (err) {
    throw new Errors.MalformedInput(`The .docx file could not be read (${(err as Error).message}). Save it again from Word as .docx.`, { cause: err });
  }
  // Tables nested in tables come out of mammoth as deep HTML.
  assertHtmlDepth(result.value);
  const { document } = parseHTML(`<!doctype html><html><body>${result.value}</body></html>`);
  const titleEl = document.querySelector('h1.title');
  const title = titleEl?.textContent?.replace(LAYOUT_SPACE, ' ').trim() ?? '';
  titleEl?.remove();
  const paragraphs = domBlocks(document.body as never).map((b, i) => ({ ...b, position: i }));
  return { title, paragraphs, warnings: result.messages.map((m) => m.message) };
}
