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
import { readZipEntry, storedZip, usesZip64, zipDirectory, ZipFormatError, ZipInflateLimitError } from './zip.ts';

/** What a .docx may hold; past these it is refused before (or while) inflating, with the limit in the message. */
export const DOCX_LIMITS = {
  /** All the XML parts mammoth reads, inflated together (a 4 MB bomb once inflated to 3.9 GB). */
  maxUncompressedBytes: 50 * 1024 * 1024,
  /** Entries in the ZIP directory; Word writes a few dozen, plus one per image. */
  maxEntries: 1_000,
  /** Times an XML part may inflate over its compressed size; Word's XML stays under 30, zeros reach 1,000. */
  maxRatio: 200,
  /** Parts smaller than this are not held to the ratio: tiny parts compress by large factors legitimately. */
  ratioFromBytes: 1024 * 1024,
} as const;

/** The parts mammoth reads; images and embedded objects are never inflated (only captions matter here). */
const READ_PART = /\.(?:xml|rels)$/iu;
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

/**
 * The XML parts of a .docx, checked from the ZIP directory before anything is inflated (entry count, total
 * uncompressed size, compression ratio), then inflated under the same budget, so a directory that lies about sizes
 * stops inflating at the limit instead of at the end of the bomb.
 * @throws ERR_INTAKE_ZIP_BOMB past a DOCX_LIMITS limit; ERR_INPUT_MALFORMED when it is not a readable ZIP
 */
export function docxParts(data: Buffer, limits = DOCX_LIMITS): Map<string, Buffer> {
  let entries;
  try {
    entries = zipDirectory(data);
  } catch (err) {
    throw new Errors.MalformedInput(`The .docx file could not be read (${(err as Error).message}). Save it again from Word as .docx.`, { cause: err });
  }
  if (entries.length > limits.maxEntries) throw new Errors.IntakeZipBomb(`its ZIP directory lists ${entries.length} entries; the limit is ${limits.maxEntries}`);
  if (usesZip64(entries)) throw new Errors.IntakeZipBomb(`it uses ZIP64 (parts over 4 GB); the limit is ${mb(limits.maxUncompressedBytes)} in all`);
  const parts = entries.filter((e) => READ_PART.test(e.name) && !e.name.endsWith('/'));
  const total = parts.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    throw new Errors.IntakeZipBomb(`its text parts would inflate to ${mb(total)}; the limit is ${mb(limits.maxUncompressedBytes)}`);
  }
  for (const e of parts) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize >= limits.ratioFromBytes && ratio > limits.maxRatio) {
      throw new Errors.IntakeZipBomb(`${e.name} would inflate ${Math.round(ratio)} times its compressed size; the limit is ${limits.maxRatio} times`);
    }
  }
  const out = new Map<string, Buffer>();
  let left = limits.maxUncompressedBytes;
  for (const e of parts) {
    try {
      const bytes = readZipEntry(data, e, Math.min(e.uncompressedSize, left));
      left -= bytes.length;
      out.set(e.name, bytes);
    } catch (err) {
      if (err instanceof ZipInflateLimitError) {
        throw new Errors.IntakeZipBomb(
          err.maxBytes < e.uncompressedSize
            ? `its text parts inflate past the limit of ${mb(limits.maxUncompressedBytes)}`
            : `${e.name} inflates past the ${e.uncompressedSize} bytes its ZIP directory states (a forged archive); the limit is ${mb(limits.maxUncompressedBytes)} in all`,
        );
      }
      if (err instanceof ZipFormatError) throw new Errors.MalformedInput(`The .docx file could not be read (${err.message}). Save it again from Word as .docx.`, { cause: err });
      throw err;
    }
  }
  return out;
}

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
 * Read a .docx buffer. Images are dropped (only their captions matter here). mammoth gets the parts `docxParts`
 * inflated under the limits, rewritten as an uncompressed archive, so it never inflates anything itself.
 * @throws ERR_INPUT_MALFORMED when the buffer is not a readable .docx; ERR_INTAKE_ZIP_BOMB past DOCX_LIMITS
 */
export async function docxToArticle(data: Buffer): Promise<DocxArticle> {
  const checked = storedZip(docxParts(data));
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: checked },
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
