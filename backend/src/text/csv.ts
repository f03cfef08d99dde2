/**
 * CSV as spreadsheets write it, read with csv-parse: comma, semicolon (LibreOffice, and Excel in Vietnamese and most
 * European locales) or tab ("Unicode Text") delimiters, quoted fields, doubled quotes, CRLF or LF, a BOM. Writing
 * quotes only what needs it. Pure; decoding bytes is the caller's job (interchange/decode.ts).
 */
import { parse } from 'csv-parse/sync';

export type CsvDelimiter = ',' | ';' | '\t';

/** A row with the 1-based line it starts on in the file. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * The delimiter of a CSV text: the one of comma, semicolon and tab that occurs most often outside quotes in the first
 * non-blank line (the header a termbase file has); comma on a tie or when none occurs.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of first) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c as CsvDelimiter]++;
  }
  return (Object.entries(counts) as [CsvDelimiter, number][]).reduce((best, cur) => (cur[1] > best[1] ? cur : best), [',', 0] as [CsvDelimiter, number])[0];
}

/**
 * Split CSV text into rows with their line numbers. Blank lines are dropped.
 * @throws Error (csv-parse's CsvError, with the line) when a quote is never closed.
 * @example readCsv('a;"b; c"\n1;2').rows // [{ line: 1, fields: ['a', 'b; c'] }, { line: 2, fields: ['1', '2'] }]
 */
export function readCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): { delimiter: CsvDelimiter; rows: CsvRow[] } {
  // Line ends are made LF first: csv-parse counts a CRLF inside a quoted field as two lines, and a note keeps one
  // line break rather than Windows' two characters.
  const records = parse(text.replace(/\r\n?/g, '\n'), { delimiter, bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number; raw?: string } }[];
  const rows: CsvRow[] = [];
  let next = 1;
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; a record starts after the previous one ended and its blank lines.
    const breaks = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const line = Math.max(next, info.lines - breaks);
    next = info.lines + 1;
    if (record.every((f) => f.trim() === '')) continue;
    rows.push({ line, fields: record });
  }
  return { delimiter, rows };
}

/** Quote a field only when it needs it (comma, semicolon, tab, quote, line break, or edge spaces). */
export function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Join rows into CSV text with LF line ends and a final newline. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
