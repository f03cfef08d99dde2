/**
 * Build evals/datasets/ntrex128-vi-en-dev.jsonl and smoke-20.jsonl from an NTREX-128 vi-en dev file
 * (`{id, doc, vi, en}` per line). Text is NFC-normalised here, once, on intake.
 *
 *   node --import tsx evals/src/datasets/build-ntrex.ts <path/to/ntrex128/dev.jsonl>
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadTranslationDataset } from './load.ts';

const SMOKE_SIZE = 20;

async function main(): Promise<void> {
  const input = process.argv[2];
  if (!input) throw new Error('usage: build-ntrex.ts <ntrex128 dev.jsonl>');
  const items = await loadTranslationDataset(input);
  const lines = items.map(({ id, vi, en, doc }) => JSON.stringify({ id, vi, en, doc }));
  const out = (name: string) => fileURLToPath(new URL(`../../datasets/${name}`, import.meta.url));
  await writeFile(out('ntrex128-vi-en-dev.jsonl'), lines.join('\n') + '\n');
  // whole documents from the start, so document context stays intact in the smoke set
  await writeFile(out('smoke-20.jsonl'), lines.slice(0, SMOKE_SIZE).join('\n') + '\n');
  process.stderr.write(`wrote ${items.length} items and a ${SMOKE_SIZE}-item smoke set\n`);
}

await main();
