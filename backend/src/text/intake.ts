/**
 * The one entry point from an incoming article (pasted text, HTML, or an uploaded .txt/.html/.docx) to clean,
 * typed segments. Used by the API and the CLI. Pure apart from parsing the buffer it is given; imports only
 * schema types, errors.ts and text/ modules.
 */
import { extname } from 'node:path';
import { Errors } from '../errors.ts';
import type { Removed, SegmentKind } from '../schemas/article.ts';
import { cleanParagraphs } from './clean.ts';
import { decodeTextFile } from './decode.ts';
import { docxToArticle } from './docx.ts';
import { htmlToArticle } from './html.ts';
import { CONVERSION_LABEL, convertLegacy, detectLegacyEncoding } from './legacy-encoding.ts';
import { normaliseLine, splitParagraphs } from './normalise.ts';
import type { Paragraph } from './paragraph.ts';
import { segmentParagraphs } from './segment.ts';

export interface IntakeInput {
  title?: string;
  text?: string;
  html?: string;
  file?: { name: string; data: Buffer; mime?: string };
  /** `position`s of pieces a preview showed as cut that the editor chose to keep. */
  restore?: number[];
}

export interface IntakeResult {
  title: string;
  format: 'text' | 'html' | 'txt' | 'docx';
  segments: { index: number; kind: SegmentKind; source: string; sentences: { start: number; end: number }[] }[];
  removed: Removed[];
  conversions: string[];
}

type FileFormat = 'txt' | 'html' | 'docx';

const BY_EXTENSION: Record<string, FileFormat> = { '.txt': 'txt', '.text': 'txt', '.html': 'html', '.htm': 'html', '.docx': 'docx' };
const BY_MIME: Record<string, FileFormat> = {
  'text/plain': 'txt',
  'text/html': 'html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};
const TITLE_MAX = 100;
const DATELINE_PREFIX = /^\([^()]{2,30}\)\s*[-–—]\s*/u;
// `[^<>]`, not `[^>]`: with no ">" ahead, every "<" would scan to the end of the page (quadratic in its length).
const TAGS = /<[^<>]*>/gu;

/** Which reader a file needs: by extension, else by MIME type. */
function fileFormat(file: NonNullable<IntakeInput['file']>): FileFormat {
  const ext = extname(file.name).toLowerCase();
  const format = BY_EXTENSION[ext] ?? (ext === '' && file.mime ? BY_MIME[file.mime.split(';')[0]!.trim().toLowerCase()] : undefined);
  if (!format) throw new Errors.UnsupportedType(ext || file.mime || file.name);
  return format;
}

const NOT_VIETNAMESE_8BIT = 'it is neither UTF-8 text nor a legacy Vietnamese encoding (TCVN3, VNI); save it as UTF-8 text and upload it again';

/** Decode a .txt or .html upload; `eightBit` says the bytes were not UTF-8 and must turn out to be TCVN3 or VNI. */
function decodeUpload(data: Buffer, conversions: string[]): { text: string; eightBit: boolean } {
  const decoded = decodeTextFile(data);
  if (decoded.encoding === 'UTF-16LE' || decoded.encoding === 'UTF-16BE') conversions.push(`${decoded.encoding} -> UTF-8`);
  return { text: decoded.text, eightBit: decoded.encoding === 'Windows-1252' };
}

/** Legacy-encoding conversion over extracted paragraphs (HTML, .docx), the removed pieces and the title alike. */
function convertBlocks(title: string, paragraphs: Paragraph[], removed: Removed[], conversions: string[]) {
  const found = detectLegacyEncoding(paragraphs.map((p) => p.text).join('\n'));
  if (!found.encoding) return { title, paragraphs, removed };
  const encoding = found.encoding;
  conversions.push(CONVERSION_LABEL[encoding]);
  return {
    title: convertLegacy(title, encoding),
    paragraphs: paragraphs.map((p) => ({ ...p, text: convertLegacy(p.text, encoding) })),
    removed: removed.map((r) => ({ ...r, text: convertLegacy(r.text, encoding) })),
  };
}

/** Cut to about `max` characters at a word boundary. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:–-]+$/u, '')}…`;
}

/** A title when none was given: a headline at the top, else the lead's first sentence without its dateline. */
function deriveTitle(segments: IntakeResult['segments']): string {
  const first = segments[0];
  if (!first) return '';
  if (first.kind === 'heading') return first.source;
  const lead = segments.find((s) => s.kind === 'lead') ?? first;
  const sentence = lead.sentences[0] ? lead.source.slice(lead.sentences[0].start, lead.sentences[0].end) : lead.source;
  return shorten(sentence.replace(DATELINE_PREFIX, ''), TITLE_MAX);
}

/**
 * Turn an incoming article into segments: decode the file, convert TCVN3/VNI text, normalise (NFC, one whitespace
 * convention), cut boilerplate (readability for HTML, rules for text), then segment and classify.
 * A given title becomes segment 0 (kind `title`); otherwise a title is derived but no segment is added.
 * @throws ERR_INPUT_EMPTY when nothing (or nothing but boilerplate) was sent
 * @throws ERR_INPUT_BINARY for binary or undecodable uploads; ERR_INPUT_UNSUPPORTED_TYPE for other file types
 * @example const { segments, removed } = await intake({ text: articleText, title: 'Đối ngoại' })
 */
export async function intake(input: IntakeInput): Promise<IntakeResult> {
  const conversions: string[] = [];
  let format: IntakeResult['format'];
  /** `source` is the text as it arrived (after decoding), to report an NFD -> NFC change. */
  let found: { title: string; paragraphs: Paragraph[]; removed: Removed[]; source: string };

  const fileType = input.file ? fileFormat(input.file) : undefined;
  if (fileType === 'docx') {
    format = 'docx';
    const doc = await docxToArticle(input.file!.data);
    found = { ...convertBlocks(doc.title, doc.paragraphs, [], conversions), source: doc.paragraphs.map((p) => p.text).join('\n') };
  } else if (fileType === 'html' || (!fileType && input.html !== undefined)) {
    format = 'html';
    const { text: html, eightBit } = fileType ? decodeUpload(input.file!.data, conversions) : { text: input.html!, eightBit: false };
    if (html.replace(TAGS, '').trim() === '') throw new Errors.EmptyInput('the HTML has no text in it');
    const page = htmlToArticle(html);
    const before = conversions.length;
    found = { ...convertBlocks(page.title, page.paragraphs, page.removed, conversions), source: html };
    if (eightBit && conversions.length === before) throw new Errors.BinaryInput(NOT_VIETNAMESE_8BIT);
  } else if (fileType === 'txt' || input.text !== undefined) {
    format = fileType ? 'txt' : 'text';
    const { text: raw, eightBit } = fileType ? decodeUpload(input.file!.data, conversions) : { text: input.text!, eightBit: false };
    if (raw.trim() === '') throw new Errors.EmptyInput(fileType ? `${input.file!.name} has no text in it` : 'no text was sent');
    // Before normalising: in TCVN3 a soft hyphen is the letter "ư", and normalising drops soft hyphens.
    const legacy = detectLegacyEncoding(raw);
    if (eightBit && !legacy.conversion) throw new Errors.BinaryInput(NOT_VIETNAMESE_8BIT);
    if (legacy.conversion) conversions.push(legacy.conversion);
    found = { title: '', paragraphs: splitParagraphs(legacy.text), removed: [], source: raw };
  } else {
    throw new Errors.EmptyInput('send the article as text, as HTML or as a .txt, .html or .docx file');
  }

  if (found.source !== found.source.normalize('NFC')) conversions.push('Unicode NFD -> NFC');
  const normalised = found.paragraphs.map((p) => ({ ...p, text: normaliseLine(p.text) })).filter((p) => p.text !== '');
  if (normalised.length === 0) throw new Errors.EmptyInput('there is no text in it');
  // Every paragraph carries its position, so restored pieces go back where they stood.
  const cleaned = cleanParagraphs(normalised.map((p, i) => ({ ...p, position: p.position ?? i })));
  const cut = [...found.removed.map((r) => ({ ...r, text: normaliseLine(r.text) })), ...cleaned.removed].sort(
    (a, b) => a.position - b.position,
  );
  const { paragraphs: kept, removed } = restorePieces(cleaned.paragraphs, cut, input.restore ?? []);
  cleaned.paragraphs = kept;
  if (cleaned.paragraphs.length === 0) {
    const first = removed[0]?.text.slice(0, 60) ?? '';
    throw new Errors.EmptyInput(`everything in it looks like web-page boilerplate (${removed.length} pieces, the first "${first}")`);
  }

  const givenTitle = input.title === undefined ? '' : normaliseLine(detectLegacyEncoding(input.title).text);
  const segments = segmentParagraphs(cleaned.paragraphs, givenTitle || undefined);
  const title = givenTitle || normaliseLine(found.title) || deriveTitle(segments);
  return { title, format, segments, removed, conversions };
}

/** Put back the cut pieces whose position the editor chose to keep, in document order. */
function restorePieces(paragraphs: Paragraph[], cut: Removed[], restore: readonly number[]): { paragraphs: Paragraph[]; removed: Removed[] } {
  if (restore.length === 0) return { paragraphs, removed: cut };
  const wanted = new Set(restore);
  const back = cut.filter((r) => wanted.has(r.position)).map((r) => ({ text: r.text, position: r.position }));
  const merged = [...paragraphs, ...back].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return { paragraphs: merged, removed: cut.filter((r) => !wanted.has(r.position)) };
}
