/** Shared inputs for the benchmarks: a 300-segment article built from the real sample's paragraphs. */
import { readFileSync } from 'node:fs';

const sample = readFileSync(new URL('../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8').normalize('NFC');

/** A small deterministic PRNG so every run times the same input: the evals' seeded generator. */
export { mulberry32 as seeded } from '../../evals/src/scorers/paired-bootstrap.ts';

/** The sample's sentences repeated to `n` segments (a long article's paragraphs are a few sentences each). */
export function benchArticle(n: number): string[] {
  const sentences = sample
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?…])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 30);
  return Array.from({ length: n }, (_, i) => `${sentences[i % sentences.length]} ${sentences[(i * 7 + 3) % sentences.length]}`);
}

/** Every syllable of the sample in order, for building synthetic terms out of real words. */
export function benchSyllables(): string[] {
  return sample.match(/[\p{L}\p{M}]+/gu) ?? [];
}
