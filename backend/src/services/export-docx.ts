/**
 * Word (.docx) exports with the `docx` package: a clean English translation, the brief, and a bilingual two-column
 * table for the record. Pure apart from packing the file.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
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
import type { Article } from '../schemas/article.ts';
import { bodySegments, englishOf, englishTitle, figureText, sourceRefs, UNTRANSLATED, type ExportBrief } from './export-model.ts';

const FONT = 'Calibri';

function doc(title: string, children: ISectionOptions['children'], landscape = false): Promise<Buffer> {
  const document = new Document({
    creator: 'Vietnamese-English workbench',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, children }],
  });
  return Packer.toBuffer(document);
}

const para = (text: string, opts: { italics?: boolean; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: opts.align, spacing: { after: 160 }, children: [new TextRun({ text, italics: opts.italics, bold: opts.bold })] });

/** The English translation as a clean document: title, lead in bold, headings, captions and bylines in italics. */
export function translationDocx(article: Article): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(englishTitle(article))] })];
  for (const s of bodySegments(article)) {
    const text = englishOf(s) ?? UNTRANSLATED;
    if (s.kind === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] }));
    else if (s.kind === 'lead') children.push(para(text, { bold: true }));
    else if (s.kind === 'caption') children.push(para(text, { italics: true }));
    else if (s.kind === 'byline') children.push(para(text, { italics: true, align: AlignmentType.RIGHT }));
    else children.push(para(text));
  }
  return doc(englishTitle(article), children);
}

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
const bullet = (runs: TextRun[]) => new Paragraph({ bullet: { level: 0 }, children: runs });

/** The brief as a short English document; a draft says so at the top. */
export function briefDocx(article: Article, brief: ExportBrief): Promise<Buffer> {
  const c = brief.content;
  const children: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(c.headline)] })];
  if (!brief.approved) children.push(para('Draft: not yet approved.', { italics: true }));
  children.push(para(c.summary));
  if (c.keyPoints.length) {
    children.push(heading('Key points'));
    for (const k of c.keyPoints) {
      const refs = sourceRefs(article, k.segmentIds);
      children.push(bullet([new TextRun(k.text), ...(refs ? [new TextRun({ text: ` ${refs}`, color: '555555' })] : [])]));
    }
  }
  if (c.people.length) {
    children.push(heading('People'));
    for (const p of c.people) children.push(bullet([new TextRun({ text: p.name, bold: true }), ...(p.role ? [new TextRun(` — ${p.role}`)] : [])]));
  }
  if (c.organisations.length) children.push(heading('Organisations'), ...c.organisations.map((o) => bullet([new TextRun(o)])));
  if (c.places.length) children.push(heading('Places'), para(c.places.join(', ')));
  if (c.figures.length) {
    children.push(heading('Figures'));
    children.push(table(['Figure', 'What it measures'], c.figures.map((f) => [figureText(f), f.measure]), [30, 70]));
  }
  children.push(para(`Source: ${article.title}`, { italics: true }));
  return doc(c.headline, children);
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, pct: number, header = false): TableCell {
  return new TableCell({
    width: { size: pct, type: WidthType.PERCENTAGE },
    borders,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    shading: header ? { fill: 'E7ECF3' } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
  });
}

function table(head: string[], rows: string[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, widths[i]!, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, widths[i]!)) })),
    ],
  });
}

/** Vietnamese and English side by side, one table row per segment, in landscape for the record. */
export function bilingualDocx(article: Article): Promise<Buffer> {
  const segments = [...article.segments].sort((a, b) => a.index - b.index);
  return doc(
    englishTitle(article),
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(englishTitle(article))] }),
      para(`Vietnamese source: ${article.title}`, { italics: true }),
      table(['#', 'Vietnamese', 'English'], segments.map((s) => [String(s.index + 1), s.source, englishOf(s) ?? UNTRANSLATED]), [6, 47, 47]),
    ],
    true,
  );
}
