/**
 * The interchange corpus: files in the style of Trados, memoQ, OmegaT, Okapi, translate-toolkit, Excel and
 * LibreOffice (test/fixtures/interchange/<tool>/, see its README), each beside `<file>.expected.json` holding the exact
 * units, terms or refusal it must give. One table-driven test reads every file from its bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTermsFile } from '../../src/interchange/terms-file.ts';
import { parseTmx } from '../../src/interchange/tmx.ts';
import { parseXliff } from '../../src/interchange/xliff.ts';

const ROOT = path.join(import.meta.dirname, '../fixtures/interchange');

interface Expected {
  kind: 'xliff' | 'tmx' | 'terms';
  error?: { code: string; messageIncludes: string };
  [k: string]: unknown;
}

const cases = fs
  .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.expected\.json$/, ''), expected: JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')) as Expected }));

function read(kind: Expected['kind'], bytes: Uint8Array): unknown {
  if (kind === 'xliff') return parseXliff(bytes);
  if (kind === 'tmx') return parseTmx(bytes);
  const { format, terms, skipped, delimiter } = readTermsFile(bytes);
  // CSV ids are derived from the terms (termId); the expected files give the ids only where the file names them.
  return { format, ...(delimiter ? { delimiter } : {}), terms: terms.map((t) => (t.idFromFile ? t.entry : { ...t.entry, id: undefined })), skipped };
}

describe('interchange corpus', () => {
  it('has files from every tool', () => {
    expect(new Set(cases.map((c) => c.name.split('/')[0]))).toEqual(new Set(['excel', 'libreoffice', 'memoq', 'okapi', 'omegat', 'trados', 'translate-toolkit']));
  });

  it.each(cases)('$name', ({ name, expected }) => {
    const bytes = fs.readFileSync(path.join(ROOT, name));
    const { kind, error, ...want } = expected;
    if (error) {
      let thrown: { code?: string; message?: string; statusCode?: number } | undefined;
      try {
        read(kind, bytes);
      } catch (err) {
        thrown = err as typeof thrown;
      }
      expect(thrown?.code).toBe(error.code);
      expect(thrown?.statusCode).toBe(400);
      expect(thrown?.message).toContain(error.messageIncludes);
      return;
    }
    expect(read(kind, bytes)).toEqual(want);
  });
});
