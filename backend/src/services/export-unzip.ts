/**
 * A small reader for the ZIP container of .docx files (stored and deflated entries, via the central directory).
 * Tests use it to prove an export is a real Word document and to read its XML; the reader itself is text/zip.ts,
 * the one intake uses to check a .docx before inflating it.
 */
export { unzip } from '../text/zip.ts';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** The visible text of a Word XML part: the `<w:t>` runs of each paragraph, one paragraph a line. */
export function docxText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((l) => l.replace(/&(?:lt|gt|quot|apos|amp);/g, (e) => ENTITIES[e]!).trim())
    .filter(Boolean)
    .join('\n');
}
