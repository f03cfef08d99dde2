/**
 * Time to take the real sample in through intake(): pasted text, a TCVN3 (ABC) 8-bit .txt, the HTML page and a .docx;
 * then pathological documents through the API (a 5 MB one-paragraph .txt, 2,000 nested divs, zip bombs) with the
 * longest event-loop stall during each (perf_hooks monitorEventLoopDelay).
 * Run: npm run bench -- intake   (targets: well under 50 ms per article for text; no stall over 50 ms)
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

// Pathological documents through the API, as the server reads them (worker threads), with the longest the
// server's event loop was held meanwhile. Target: no stall over 50 ms (the health check keeps answering).
const { monitorEventLoopDelay } = await import('node:perf_hooks');
const { createTestApp, multipartBody } = await import('../test/helpers/test-app.ts');
const { zipBombDocx } = await import('../test/fixtures/sample-docx.ts');
const STALL_TARGET_MS = 50;
const oneParagraph = text.split(/\n\s*\n/u).map((p) => p.replace(/\s+/gu, ' ').trim()).filter((p) => /[.!?]$/u.test(p)).join(' ');
const paragraphOf = (bytes: number) => `${oneParagraph} `.repeat(Math.ceil(bytes / Buffer.byteLength(`${oneParagraph} `))).trimEnd();
const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}<p>Tỉnh Hòa Bình.</p>${'</div>'.repeat(depth)}</body></html>`;
const app = await createTestApp();
const upload = (name: string, data: Buffer | string) => ({ method: 'POST' as const, url: '/api/articles', ...multipartBody(name, Buffer.from(data)) });
const CASES: Array<[string, Parameters<typeof app.app.inject>[0]]> = [
  ['5 MB one-paragraph .txt', upload('doan.txt', paragraphOf(5 * 1024 * 1024))],
  ['600 KB paragraph JSON', { method: 'POST', url: '/api/articles', payload: { text: paragraphOf(600 * 1024) } }],
  ['2,000 nested divs', upload('sau.html', nested(2_000))],
  ['100,000 nested divs', upload('sau.html', nested(100_000))],
  ['.docx bomb (3.9 GB)', upload('bom.docx', zipBombDocx({ inflatedMb: 3_900 }))],
  ['forged .docx (1 GB)', upload('gia.docx', zipBombDocx({ inflatedMb: 1_000, statedBytes: 10_000 }))],
];
await app.app.inject({ method: 'POST', url: '/api/articles', payload: { text } }); // start a worker thread
const { loadavg } = await import('node:os');
console.log(`\nthrough the API (worker threads); target: event loop never held over ${STALL_TARGET_MS} ms (machine load ${loadavg()[0]!.toFixed(1)}: stalls include waiting for a CPU)`);
for (const [name, request] of CASES) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const rss = process.memoryUsage().rss;
  delay.enable();
  const t = performance.now();
  const res = await app.app.inject(request);
  const ms = performance.now() - t;
  delay.disable();
  const answer = res.statusCode < 300 ? `${res.statusCode}` : `${res.statusCode} ${res.json().error.code}`;
  const stall = delay.max / 1e6;
  console.log(
    `${name.padEnd(26)} ${answer.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms; longest event-loop stall ${stall.toFixed(1)} ms (target ${STALL_TARGET_MS}: ${stall <= STALL_TARGET_MS ? 'met' : 'MISSED'}); RSS ${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB over before`,
  );
}
await app.close();
