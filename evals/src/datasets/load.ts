/**
 * Loading a JSONL eval dataset from a file; the line parser (validation, NFC, errors naming the line) is the server's own.
 */
import { readFile } from 'node:fs/promises';
import { DatasetError, parseJsonl } from '../../../backend/src/services/eval-dataset.ts';
import { BriefItemSchema, TranslationItemSchema, type BriefItem, type TranslationItem } from './schema.ts';

export { DatasetError, parseJsonl };

/** Read and validate a translation dataset (`{id, vi, en?, doc?}` per line). */
export async function loadTranslationDataset(file: string): Promise<TranslationItem[]> {
  return parseJsonl(await readText(file), TranslationItemSchema, file);
}

/** Read and validate a brief dataset (`{id, title?, article, summary_ref?}` per line). */
export async function loadBriefDataset(file: string): Promise<BriefItem[]> {
  return parseJsonl(await readText(file), BriefItemSchema, file);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new DatasetError(`Cannot read dataset ${file}: ${(err as Error).message}`, file);
  }
}
