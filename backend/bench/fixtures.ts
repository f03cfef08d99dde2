/** Shared inputs for the benchmarks: a 300-segment article built from the real sample's paragraphs. */
import { readFileSync } from 'node:fs';

const sample = readFileSync(new URL('../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8').normalize('NFC');

/** A small deterministic PRNG (mulberry32) so every run times the same input. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
