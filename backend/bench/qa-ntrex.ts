/**
 * False-alarm rate of the QA checks on human reference pairs: every issue raised on a correct translation is a false
 * alarm. Reads an NTREX-style JSONL file ({id, vi, en} per line) given on the command line.
 * Run: node --import tsx backend/bench/qa-ntrex.ts path/to/ntrex128/dev.jsonl [--list]
 */
import { readFileSync } from 'node:fs';
import { runQa } from '../src/qa/index.ts';

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error('usage: qa-ntrex.ts <dev.jsonl> [--list]');
  process.exit(2);
}
const pairs = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; vi: string; en: string });
const byCode = new Map<string, number>();
let flagged = 0;
let withDigits = 0;
const t0 = performance.now();
for (const p of pairs) {
  const vi = p.vi.normalize('NFC');
  const en = p.en.normalize('NFC');
  if (/\d/.test(vi + en)) withDigits++;
  const issues = runQa({ source: vi, translation: en });
  if (issues.some((i) => i.code.startsWith('QA_NUMBER') || i.code === 'QA_DATE_SWAPPED')) flagged++;
  for (const key of new Set(issues.map((i) => `${i.code} ${i.severity}`))) byCode.set(key, (byCode.get(key) ?? 0) + 1);
  if (flag === '--list') for (const i of issues) console.log(`${p.id}\t${i.code}\t${i.severity}\t${i.message}`);
}
const ms = performance.now() - t0;
console.log(`${pairs.length} pairs (${withDigits} with digits) in ${ms.toFixed(0)} ms`);
console.log(`numbers/date issues on ${flagged} pairs (${((100 * flagged) / pairs.length).toFixed(1)}%)`);
for (const [k, n] of [...byCode].sort()) console.log(`  ${k}: ${n} pairs (${((100 * n) / pairs.length).toFixed(1)}%)`);
