/**
 * Time to take the real sample in through intake(): pasted text, a TCVN3 (ABC) 8-bit .txt, the HTML page and a .docx.
 * Run: npm run bench -- intake   (target: well under 50 ms per article for text)
 */
import { readFileSync } from 'node:fs';
import { intake, type IntakeInput } from '../src/text/intake.ts';
import { makeDocx } from '../test/fixtures/sample-docx.ts';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url));
const text = fixture('hoabinh-doi-ngoai-2020.txt').toString('utf8');
const INPUTS: Array<[string, IntakeInput]> = [
  ['pasted text', { text }],
  ['TCVN3 8-bit .txt', { file: { name: 'bai.txt', data: fixture('hoabinh-doi-ngoai-2020.tcvn3.txt') } }],
  ['HTML page', { html: fixture('hoabinh-doi-ngoai-2020.html').toString('utf8') }],
  ['.docx', { file: { name: 'bai.docx', data: await makeDocx(text.split(/\n\s*\n/).map((t) => ({ text: t.trim() })).filter((l) => l.text)) } }],
];

for (const [name, input] of INPUTS) {
  const cold = performance.now();
  const first = await intake(input);
  const coldMs = performance.now() - cold;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await intake(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(18)} ${first.segments.length} segments; first ${coldMs.toFixed(1)} ms; median ${times[15]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})`,
  );
}
