/**
 * Time to QA a 300-segment article (numbers, starter termbase, untranslated, omission, consistency), then the
 * false-alarm rate of the numbers check on the 1,007 NTREX reference pairs (qa-ntrex.ts; target: at most 0.6%).
 * Run: node --import tsx backend/bench/qa.bench.ts   (target: under 50 ms per article)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runArticleQa } from '../src/qa/index.ts';
import { buildTermIndex, parseTermsCsv } from '../src/text/terms.ts';
import { benchArticle } from './fixtures.ts';

const ENGLISH = [
  "(HBO) - On January 6, 2017, the Standing Board of the Provincial Party Committee issued Resolution No. 12-NQ/TU on promoting Party external relations, State diplomacy and people-to-people diplomacy of Hoa Binh Province in the 2016-2020 period.",
  "In 2017 the province's export turnover was only 505 million USD and imports 414 million USD; by 2019 these figures were 790.84 million USD and 635 million USD respectively.",
  'Over the past three years, the province attracted 16 FDI projects with a total investment of USD 272.303 million.',
  "Over the years, the Standing Board of the Provincial Party Committee and the Provincial People's Committee have implemented the Central Committee's regulations on external relations work.",
];
const index = buildTermIndex(parseTermsCsv(readFileSync(new URL('../src/terminology/starter-termbase.csv', import.meta.url), 'utf8')));
const segments = benchArticle(300).map((source, i) => ({ source, translation: ENGLISH[i % ENGLISH.length]! }));

// CPU time is reported beside wall time: on a shared machine the wall clock also counts other processes' turns.
const cold = performance.now();
runArticleQa(segments, index);
const coldMs = performance.now() - cold;
// Warm up so the figures are of compiled code, as in a server that has been running.
for (let r = 0; r < 5; r++) runArticleQa(segments, index);
const runs: number[] = [];
const cpu: number[] = [];
let issues = 0;
for (let r = 0; r < 15; r++) {
  const s = performance.now();
  const c = process.cpuUsage();
  issues = runArticleQa(segments, index).reduce((n, l) => n + l.length, 0);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  runs.push(performance.now() - s);
}
runs.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(`qa: ${segments.length} segments, ${index.entries.length} terms, ${issues} issues`);
console.log(`first (cold) run ${coldMs.toFixed(1)} ms; article QA median ${runs[7]!.toFixed(1)} ms wall (min ${runs[0]!.toFixed(1)}, max ${runs.at(-1)!.toFixed(1)}); median ${cpu[7]!.toFixed(1)} ms process CPU (all threads, GC included)`);

// Human reference translations: every numbers issue raised on them is a false alarm.
const ntrex = fileURLToPath(new URL('../../evals/datasets/ntrex128-vi-en-dev.jsonl', import.meta.url));
if (existsSync(ntrex)) {
  console.log('\nNTREX reference pairs (false alarms of the numbers check; target at most 0.6%):');
  spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./qa-ntrex.ts', import.meta.url)), ntrex], { stdio: 'inherit' });
}
