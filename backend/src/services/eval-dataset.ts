/**
 * Parsing a JSONL eval dataset: every line parsed and validated, text NFC-normalised on intake (the scorers never
 * normalise, exactly like sacreBLEU), and errors that name the file and line so a bad line can be found and fixed.
 * The eval runner loads its datasets with it; the server checks an uploaded dataset with it before starting a run.
 */
import type { z } from 'zod';

/** A dataset line that could not be used; the message names the file, the line number and what is wrong. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

function nfcStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcStrings) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcStrings(v)])) as T;
  }
  return value;
}

/**
 * Parse JSONL text against a schema.
 * @throws DatasetError e.g. `data.jsonl line 7: vi: Too small: expected string to have >=1 characters`.
 */
export function parseJsonl<S extends z.ZodType>(text: string, schema: S, file = '<input>'): z.infer<S>[] {
  const items: z.infer<S>[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new DatasetError(`${file} line ${lineNo}: not valid JSON (${(err as Error).message})`, file, lineNo);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
      throw new DatasetError(`${file} line ${lineNo}: ${why}`, file, lineNo);
    }
    const item = nfcStrings(parsed.data) as z.infer<S> & { id: string };
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw new DatasetError(`${file} line ${lineNo}: id ${JSON.stringify(item.id)} already used on line ${first}`, file, lineNo);
    }
    seen.set(item.id, lineNo);
    items.push(item);
  });
  if (items.length === 0) throw new DatasetError(`${file}: the dataset has no items`, file);
  return items;
}
