/**
 * A termbase upload, told apart by content: XML (a declaration, a DOCTYPE, a comment or an element first) is TBX,
 * anything else CSV. Bytes are decoded first (BOM, NUL pattern, declared encoding) so UTF-16 files from Excel and
 * LibreOffice read as text and a file that decodes to garbage is refused. Pure.
 */
import { Errors } from '../errors.ts';
import { readTermsCsv, type TermEntry } from '../text/terms.ts';
import { decodeText, looksLikeXml, sniffEncoding } from './decode.ts';
import { parseTbx } from './tbx.ts';

export interface FileTerm {
  entry: TermEntry;
  /** Fields the file gave a value for; the others must not change a stored entry. */
  given: (keyof TermEntry)[];
  /** Whether the entry's id came from the file (CSV `id` column, TBX entry id) rather than from its terms. */
  idFromFile: boolean;
}

export interface FileSkip {
  /** CSV: 1-based line. */
  line?: number;
  /** TBX: 1-based position of the entry. */
  index?: number;
  id?: string;
  reason: string;
}

/** As for an empty CSV cell, a data category a TBX entry lacks leaves the stored field as it is. */
function givenFields(e: TermEntry): (keyof TermEntry)[] {
  return (['id', 'vi', 'en', 'abbr', 'note', 'forbidden', 'caseSensitive', 'validFrom', 'validTo', 'domain'] as const).filter((k) => {
    const v = e[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '' && v !== false;
  });
}

/**
 * Read a CSV or TBX termbase file.
 * @throws ERR_INTERCHANGE_ENCODING (undecodable or garbage text), ERR_INPUT_MALFORMED (broken XML or CSV quotes).
 */
export function readTermsFile(input: string | Uint8Array): { format: 'csv' | 'tbx'; terms: FileTerm[]; skipped: FileSkip[]; delimiter?: string } {
  const xmlBytes = typeof input !== 'string' && !sniffEncoding(input) && /^\s*</.test(new TextDecoder('latin1').decode(input.subarray(0, 64)));
  const text = typeof input === 'string' || !xmlBytes ? decodeText(input, 'termbase file') : null;
  if (text === null || looksLikeXml(text)) {
    const { entries, skipped } = parseTbx(text ?? input);
    return {
      format: 'tbx',
      terms: entries.map((entry) => ({ entry, given: givenFields(entry), idFromFile: true })),
      skipped,
    };
  }
  try {
    const { delimiter, terms, skipped } = readTermsCsv(text);
    return { format: 'csv', delimiter, terms: terms.map((t) => ({ entry: t.entry, given: t.given, idFromFile: t.given.includes('id') })), skipped };
  } catch (err) {
    throw new Errors.MalformedInput(`The CSV file cannot be read: ${(err as Error).message}`);
  }
}
