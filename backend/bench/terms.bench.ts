/**
 * Time to match a 5,000-entry termbase against a 300-segment article.
 * Run: node --import tsx backend/bench/terms.bench.ts   (target: under 100 ms per article)
 *
 * The terms are made from real Vietnamese syllables of the sample article (2-4 syllables, seeded), plus the
 * starter termbase, so first-syllable collisions are as dense as in a real termbase.
 */
import { readFileSync } from 'node:fs';
import { buildTermIndex, matchTerms, parseTermsCsv, type TermEntry } from '../src/text/terms.ts';
import { benchArticle, benchSyllables, seeded } from './fixtures.ts';

const rand = seeded(5);
const syllables = benchSyllables();
const starter = parseTermsCsv(readFileSync(new URL('../src/terminology/starter-termbase.csv', import.meta.url), 'utf8'));
const entries: TermEntry[] = [...starter];
const seen = new Set(entries.map((e) => e.vi.toLowerCase()));
while (entries.length < 5000) {
  const n = 2 + Math.floor(rand() * 3);
  // Half are runs of the article (they occur in it), half are random syllable combinations (they mostly do not).
  const start = Math.floor(rand() * (syllables.length - n));
  const vi = rand() < 0.5
    ? syllables.slice(start, start + n).join(' ')
    : Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(' ');
  if (seen.has(vi.toLowerCase())) continue;
  seen.add(vi.toLowerCase());
  entries.push({ id: `b${entries.length}`, vi, en: `term ${entries.length}`, forbidden: [], caseSensitive: false });
}

const segments = benchArticle(300);
const t0 = performance.now();
const index = buildTermIndex(entries);
const tIndex = performance.now() - t0;

const runs: number[] = [];
let matches = 0;
for (let r = 0; r < 15; r++) {
  const s = performance.now();
  matches = 0;
  for (const seg of segments) matches += matchTerms(index, seg).length;
  runs.push(performance.now() - s);
}
runs.sort((a, b) => a - b);
console.log(`terms: ${entries.length} entries, ${segments.length} segments, ${matches} matches`);
console.log(`index build ${tIndex.toFixed(1)} ms; match article median ${runs[7]!.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}, first ${runs.at(-1)!.toFixed(1)} max)`);
