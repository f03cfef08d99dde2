/** Shared inputs for the benchmarks: a 300-segment article built from the real sample's paragraphs. */
import { readFileSync } from 'node:fs';

const sample = readFileSync(new URL('../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8').normalize('NFC');

/** A small deterministic PRNG so every run times the same input: the evals' seeded generator. */
export { mulberry32 as seeded } from '../../evals/src/scorers/paired-bootstrap.ts';

/** The sample's sentences of more than 30 characters, in order. */
function sampleSentences(): string[] {
  return sample
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=[.!?…])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 30);
}

/** The sample's sentences repeated to `n` segments (a long article's paragraphs are a few sentences each). */
export function benchArticle(n: number): string[] {
  const sentences = sampleSentences();
  return Array.from({ length: n }, (_, i) => `${sentences[i % sentences.length]} ${sentences[(i * 7 + 3) % sentences.length]}`);
}

/** Every syllable of the sample in order, for building synthetic terms out of real words. */
export function benchSyllables(): string[] {
  return sample.match(/[\p{L}\p{M}]+/gu) ?? [];
}

/**
 * A long fully edited article: `n` paragraphs of the sample's sentences (three each, about 450 characters, like the
 * sample's own paragraphs) and, as their English edits, real English news sentences of NTREX-128 of about the same
 * length. 301 of them make an article of about 700 KB of JSON.
 */
export function benchEditedArticle(n: number): { sources: string[]; translations: string[] } {
  const sentences = sampleSentences();
  const english = readFileSync(new URL('../../evals/datasets/ntrex128-vi-en-dev.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { en: string }).en);
  const sources = Array.from({ length: n }, (_, i) => [0, 1, 2].map((k) => sentences[(i * 3 + k * 7) % sentences.length]).join(' '));
  let next = 0;
  const translations = sources.map((source) => {
    const out: string[] = [];
    while (out.join(' ').length < source.length * 0.9) out.push(english[next++ % english.length]!);
    return out.join(' ');
  });
  return { sources, translations };
}
