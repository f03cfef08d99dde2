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

// CPU time is reported beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cold = performance.now();
for (const seg of segments) matchTerms(index, seg);
const coldMs = performance.now() - cold;
// Warm up so the figures are of compiled code, as in a server that has been running.
for (let r = 0; r < 5; r++) for (const seg of segments) matchTerms(index, seg);
const runs: number[] = [];
const cpu: number[] = [];
let matches = 0;
for (let r = 0; r < 15; r++) {
  const s = performance.now();
  const c = process.cpuUsage();
  matches = 0;
  for (const seg of segments) matches += matchTerms(index, seg).length;
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  runs.push(performance.now() - s);
}
runs.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(`terms: ${entries.length} entries, ${segments.length} segments, ${matches} matches`);
console.log(`index build ${tIndex.toFixed(1)} ms; first (cold) article ${coldMs.toFixed(1)} ms; match article median ${runs[7]!.toFixed(1)} ms wall (min ${runs[0]!.toFixed(1)}, max ${runs.at(-1)!.toFixed(1)}); median ${cpu[7]!.toFixed(1)} ms process CPU (all threads, GC included)`);
