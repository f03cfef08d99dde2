/**
 * Word (.docx) exports with the `docx` package: a clean English translation, the brief, and a bilingual two-column
 * table for the record. Every run says its language (en-GB or vi-VN) so Word checks spelling in the right one, and
 * every page's footer gives the Vietnamese source, the export date and the review status. Pure apart from packing.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Article, Segment } from '../schemas/article.ts';
import { bodySegments, englishOf, englishTitle, exportStatus, figureText, isMachineDraft, MT_MARK, sourceRefs, UNTRANSLATED, type ExportBrief, type ExportMeta } from './export-model.ts';

const FONT = 'Calibri';
type RunOpts = { italics?: boolean; bold?: boolean; color?: string };

/** A run of English text, marked en-GB for Word's spelling check. */
const en = (text: string, o: RunOpts = {}) => new TextRun({ text, ...o, language: { value: 'en-GB' } });
/** A run of Vietnamese text, marked vi-VN. */
const vi = (text: string, o: RunOpts = {}) => new TextRun({ text, ...o, language: { value: 'vi-VN' } });

function footer(article: Article, meta: ExportMeta): Footer {
  const small = { color: '555555' };
  return new Footer({
    children: [new Paragraph({ children: [en('Source: ', small), vi(article.title, small), en(` · Exported ${meta.exportedAt.slice(0, 10)} · ${exportStatus(article, meta)}`, small)] })],
  });
}

function doc(article: Article, meta: ExportMeta, title: string, children: ISectionOptions['children'], landscape = false): Promise<Buffer> {
  const document = new Document({
    creator: 'Vietnamese-English workbench',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } } } } },
    sections: [{ properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, footers: { default: footer(article, meta) }, children }],
  });
  return Packer.toBuffer(document);
}

const para = (text: string, opts: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: opts.align, spacing: { after: 160 }, children: [en(text, { italics: opts.italics, bold: opts.bold })] });

/** The English of a segment, with a grey mark first when it is a machine draft nobody reviewed. */
function segmentRuns(s: Segment, o: RunOpts = {}): TextRun[] {
  const text = englishOf(s) ?? UNTRANSLATED;
  return isMachineDraft(s) ? [en(`${MT_MARK} `, { italics: true, color: '9A3412' }), en(text, o)] : [en(text, o)];
}

/** The English translation as a clean document: title, lead in bold, headings, captions and bylines in italics. */
export function translationDocx(article: Article, brief: ExportBrief | null, meta: ExportMeta): Promise<Buffer> {
  const title = englishTitle(article, brief);
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [en(title)] })];
  const p = (s: Segment, o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new Paragraph({ alignment: o.align, spacing: { after: 160 }, children: segmentRuns(s, o) });
  for (const s of bodySegments(article)) {
    if (s.kind === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: segmentRuns(s) }));
    else if (s.kind === 'lead') children.push(p(s, { bold: true }));
    else if (s.kind === 'caption') children.push(p(s, { italics: true }));
    else if (s.kind === 'byline') children.push(p(s, { italics: true, align: AlignmentType.RIGHT }));
    else children.push(p(s));
  }
  return doc(article, meta, title, children);
}

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [en(text)] });
const bullet = (runs: TextRun[]) => new Paragraph({ bullet: { level: 0 }, children: runs });

/** The brief as a short English document; a draft says so at the top. */
export function briefDocx(article: Article, brief: ExportBrief, meta: ExportMeta): Promise<Buffer> {
  const c = brief.content;
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [en(c.headline)] })];
  if (!brief.approved) children.push(para('Draft: not yet approved.', { italics: true }));
  children.push(para(c.summary));
  if (c.keyPoints.length) {
    children.push(heading('Key points'));
    for (const k of c.keyPoints) {
      const refs = sourceRefs(article, k.segmentIds);
      children.push(bullet([en(k.text), ...(refs ? [en(` ${refs}`, { color: '555555' })] : [])]));
    }
  }
  if (c.people.length) {
    children.push(heading('People'));
    for (const p of c.people) children.push(bullet([en(p.name, { bold: true }), ...(p.role ? [en(` — ${p.role}`)] : [])]));
  }
  if (c.organisations.length) children.push(heading('Organisations'), ...c.organisations.map((o) => bullet([en(o)])));
  if (c.places.length) children.push(heading('Places'), para(c.places.join(', ')));
  if (c.figures.length) {
    children.push(heading('Figures'));
    children.push(table(['Figure', 'What it measures'], c.figures.map((f) => [figureText(f), f.measure]), [30, 70]));
  }
  return doc(article, meta, c.headline, children);
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string | TextRun[], pct: number, header = false): TableCell {
  return new TableCell({
    width: { size: pct, type: WidthType.PERCENTAGE },
    borders,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    shading: header ? { fill: 'E7ECF3' } : undefined,
    children: [new Paragraph({ children: typeof text === 'string' ? [en(text, { bold: header })] : text })],
  });
}

function table(head: string[], rows: Array<Array<string | TextRun[]>>, widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, widths[i]!, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, widths[i]!)) })),
    ],
  });
}

/** Vietnamese and English side by side, one table row per segment, in landscape for the record. */
export function bilingualDocx(article: Article, brief: ExportBrief | null, meta: ExportMeta): Promise<Buffer> {
  const segments = [...article.segments].sort((a, b) => a.index - b.index);
  const title = englishTitle(article, brief);
  return doc(
    article,
    meta,
    title,
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [en(title)] }),
      new Paragraph({ spacing: { after: 160 }, children: [en('Vietnamese source: ', { italics: true }), vi(article.title, { italics: true })] }),
      table(['#', 'Vietnamese', 'English'], segments.map((s) => [String(s.index + 1), [vi(s.source)], segmentRuns(s)]), [6, 47, 47]),
    ],
    true,
  );
}
