/**
 * The eval command as a CI gate: exit codes with a one-line reason, JUnit XML, a baseline judged with the paired
 * test, and --retry-failed re-running only what failed. The translator is a scripted stand-in counting its calls.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kids, parseXml } from '../../backend/src/interchange/xml-tree.ts';
import { fakeTranslate } from '../../backend/test/helpers/scripted-model-server.ts';
import { runCli } from './cli.ts';
import { loadTranslationDataset } from './datasets/load.ts';
import type { TranslateInput, Translator } from './runner/types.ts';

const SMOKE = new URL('../datasets/smoke-20.jsonl', import.meta.url).pathname;
const items = await loadTranslationDataset(SMOKE);
const refOf = new Map(items.map((i) => [i.vi, i.en!]));
const half = (en: string) => en.split(' ').slice(0, Math.ceil(en.split(' ').length / 2)).join(' ');

/** Answers by rule; `fail` ids throw as a rejected answer would. */
function translator(answer: (input: TranslateInput) => string, fail: Set<string> = new Set()) {
  const calls: string[] = [];
  const t: Translator = {
    fingerprint: (prompt, model) => ({ promptHash: `h-${prompt}`, model, params: {} }),
    async translate(input) {
      calls.push(input.id);
      if (fail.has(input.id)) throw Object.assign(new Error('The model answer was not usable: rejected'), { code: 'ERR_MODEL_OUTPUT_INVALID', rawAnswer: input.vi });
      return { text: answer(input), tokensIn: 1, tokensOut: 1, latencyMs: 1, cached: false };
    },
  };
  return { t, calls };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'evals-gate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const env = { OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'fake', LOG_LEVEL: 'silent' };
async function run(args: string[], t: Translator) {
  const lines: string[] = [];
  const r = await runCli(['--dataset', SMOKE, '--prompt', 'translate@v1', ...args], { env, translator: t, qa: () => [], stderr: { write: (s: string) => lines.push(s) } });
  return { ...r, err: lines.join(''), failedLines: lines.filter((l) => l.startsWith('eval: FAILED')) };
}

describe('eval gate', () => {
  it('exits 1 when an item failed, with one line saying why; --max-failures allows them', async () => {
    const failing = () => translator((i) => refOf.get(i.vi)!, new Set([items[3]!.id])).t;
    const r = await run(['--out', path.join(dir, 'f1')], failing());
    expect(r.exitCode).toBe(1);
    expect(r.failedLines).toEqual(['eval: FAILED translate@v1 · fake: 1 of 20 items failed (--max-failures 0)\n']);
    const ok = await run(['--out', path.join(dir, 'f2'), '--max-failures', '1'], failing());
    expect(ok.exitCode).toBe(0);
    expect(ok.failedLines).toEqual([]);
  });

  it('exits 1 under a --min threshold and 0 over it', async () => {
    const t = () => translator((i) => half(refOf.get(i.vi)!)).t;
    const r = await run(['--out', path.join(dir, 'm1'), '--min', 'chrfpp=90', '--min', 'bleu=1'], t());
    const score = r.report!.runs[0]!.metrics.chrfpp!;
    expect(score).toBeLessThan(90);
    expect(r.exitCode).toBe(1);
    expect(r.failedLines).toEqual([`eval: FAILED translate@v1 · fake: chrF++ ${score.toFixed(2)}, minimum 90 (failed items count as empty)\n`]);
    expect((await run(['--out', path.join(dir, 'm2'), '--min', `chrfpp=${Math.floor(score)}`], t())).exitCode).toBe(0);
  });

  it('judges a regression against a baseline with the paired test and the margin, and writes JUnit', async () => {
    const base = await run(['--out', path.join(dir, 'base')], translator((i) => refOf.get(i.vi)!).t);
    expect(base.exitCode).toBe(0);
    const baseline = path.join(dir, 'base', 'report.json');
    // the same configuration got worse on every second item
    const worse = () => translator((i) => (items.findIndex((x) => x.id === i.id) % 2 ? fakeTranslate(i.vi) : refOf.get(i.vi)!)).t;
    const junit = path.join(dir, 'junit', 'eval.xml');
    const r = await run(['--out', path.join(dir, 'w1'), '--baseline', baseline, '--max-drop', 'chrfpp=1.0', '--min', 'chrfpp=10', '--junit', junit], worse());
    expect(r.exitCode).toBe(1);
    expect(r.failedLines).toHaveLength(1);
    expect(r.failedLines[0]).toMatch(/^eval: FAILED translate@v1 · fake: chrF\+\+ -\d+\.\d\d vs baseline translate@v1 · fake on 20 items \(95% CI \[-\d+\.\d\d, -\d+\.\d\d\], p 0\.00\d; --max-drop chrfpp=1\)\n$/);

    const suites = parseXml(await readFile(junit), 'JUnit report');
    expect(suites.local).toBe('testsuites');
    expect(suites.attrs).toMatchObject({ tests: '3', failures: '1' });
    const cases = kids(suites, 'testsuite', [''])
      .flatMap((suite) => kids(suite, 'testcase', ['']))
      .map((c) => ({ classname: c.attrs.classname, name: c.attrs.name, failure: kids(c, 'failure', [''])[0] }));
    expect(cases.map((c) => [c.classname, c.name, Boolean(c.failure)])).toEqual([
      ['translate@v1 · fake', 'failed items <= 0', false],
      ['translate@v1 · fake', 'chrF++ >= 10', false],
      ['translate@v1 · fake', 'chrF++ no worse than baseline by more than 1', true],
    ]);

    // a drop inside the margin passes
    const wide = await run(['--out', path.join(dir, 'w2'), '--baseline', baseline, '--max-drop', 'chrfpp=90'], worse());
    expect(wide.exitCode).toBe(0);
  });

  it('lets a one-item drop through: not significant on 20 items', async () => {
    const baseline = path.join(dir, 'base', 'report.json');
    const one = translator((i) => (i.id === items[7]!.id ? half(refOf.get(i.vi)!) : refOf.get(i.vi)!)).t;
    const r = await run(['--out', path.join(dir, 'w3'), '--baseline', baseline, '--max-drop', 'chrfpp=0.1'], one);
    const delta = r.report!.runs[0]!.metrics.chrfpp! - 100;
    expect(delta).toBeLessThan(-0.1);
    expect(r.exitCode).toBe(0);
  });

  it('--retry-failed runs only the failed items of the report in --out', async () => {
    const out = path.join(dir, 'retry');
    const first = translator((i) => refOf.get(i.vi)!, new Set([items[2]!.id, items[9]!.id]));
    const r1 = await run(['--out', out, '--max-failures', '5'], first.t);
    expect(r1.report!.runs[0]!.metrics.failed).toBe(2);
    expect(first.calls).toHaveLength(20);

    // no cache here (a scripted translator): the answered items come from the report itself
    const second = translator((i) => refOf.get(i.vi)!);
    const lines: string[] = [];
    // the grid and the dataset come from the earlier report
    const r2 = await runCli(['--retry-failed', '--out', out], { env, translator: second.t, qa: () => [], stderr: { write: (s: string) => lines.push(s) } });
    expect(second.calls.sort()).toEqual([items[2]!.id, items[9]!.id].sort());
    expect(r2.exitCode).toBe(0);
    expect(r2.report!.runs[0]!.metrics).toMatchObject({ failed: 0, chrfpp: 100 });
  });

  it.each([
    { args: ['--min', 'ter=40'], msg: '--min expects METRIC=NUMBER with METRIC one of chrfpp, bleu, chrf, got "ter=40"' },
    { args: ['--max-drop', 'chrfpp=1'], msg: '--max-drop needs --baseline report.json to compare with' },
    { args: ['--max-failures', 'some'], msg: '--max-failures must be a whole number of 0 or more, got "some"' },
    { args: ['--retry-failed'], msg: '--retry-failed needs --out, the folder of the earlier report' },
  ])('refuses $args with exit code 2', async ({ args, msg }) => {
    const r = await run(args, translator(() => 'x').t);
    expect(r.exitCode).toBe(2);
    expect(r.err).toContain(msg);
  });
});
