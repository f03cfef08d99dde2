/**
 * The product's QA checks (numbers, terminology, untranslated words, omissions) as the runner's QaCheck, with the
 * same termbase the translator uses, so an eval counts exactly the issues an editor would see flagged.
 */
import { readFileSync } from 'node:fs';
import { runQa } from '../../../backend/src/qa/index.ts';
import { buildTermIndex, parseTermsCsv } from '../../../backend/src/text/terms.ts';
import { STARTER_TERMBASE } from './product-translator.ts';
import type { QaCheck } from './types.ts';

/** Build the QA check over a termbase CSV (the starter termbase by default; null skips the terminology check). */
export function createProductQa(termbase: string | null = STARTER_TERMBASE): QaCheck {
  const terms = termbase ? buildTermIndex(parseTermsCsv(readFileSync(termbase, 'utf8'))) : undefined;
  return (source, translation) => runQa({ source, translation, terms }).map((i) => ({ code: i.code, severity: i.severity, message: i.message }));
}
