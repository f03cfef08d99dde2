/**
 * Every configuration is scored on the same items. A configuration that answers like another but fails on exactly
 * the items the other does worst on would win if failures were dropped; counted as empty lines, it cannot.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTranslate, messageText, sourceOf, startScriptedModelServer, type ScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';
import { runCli } from './cli.ts';
import { loadTranslationDataset } from './datasets/load.ts';
import { corpusBleu } from './scorers/bleu.ts';
import { CHRF_PP, corpusChrf } from './scorers/chrf.ts';

const SMOKE = new URL('../datasets/smoke-20.jsonl', import.meta.url).pathname;
const items = await loadTranslationDataset(SMOKE);
const indexOf = new Map(items.map((it, i) => [it.vi, i]));
/** The items v1 translates badly: the ones a "clever" v2 fails on. */
const hard = (i: number) => i % 4 === 0;
const half = (en: string) => en.split(' ').slice(0, Math.ceil(en.split(' ').length / 2)).join(' ');

let server: ScriptedModelServer;
let out: string;
const silent = { write: () => true, isTTY: false };
// DATA_DIR holds the model-run cache every run of this file shares
const env = () => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent', DATA_DIR: path.join(out, 'data') });

beforeAll(async () => {
  server = await startScriptedModelServer({
    script: (req) => {
      const source = sourceOf(req);
      const i = indexOf.get(source)!;
      const v2 = messageText(req.messages[0]).includes('foreign partners and embassies');
      if (!hard(i)) return { content: items[i]!.en! };
      // v1 answers the hard items with half a translation; v2 echoes the Vietnamese, which the answer check rejects
      return { content: v2 ? source : half(items[i]!.en!) };
    },
  });
  out = await mkdtemp(path.join(tmpdir(), 'evals-fair-'));
});
afterAll(async () => {
  await server.close();
  await rm(out, { recursive: true, force: true });
});

describe('scoring every item', () => {
  it('does not name the configuration that fails on its worst items the winner; its score counts them as empty', async () => {
    const lines: string[] = [];
    const r = await runCli(['--dataset', SMOKE, '--prompt', 'translate@v1', '--prompt', 'translate@v2', '--concurrency', '4', '--out', path.join(out, 'a')], {
      env: env(),
      stderr: { write: (s: string) => lines.push(s) },
    });
    const [v1, v2] = r.report!.runs;
    expect(v2!.metrics.failed).toBe(5);
    // dropping failures would have given v2 a perfect 100 on the 15 it answered
    expect(r.report!.answeredByAll!.runs[1]!.chrfpp).toBe(100);

    const refs = items.map((it) => it.en!);
    const v2Hyps = items.map((it, i) => (hard(i) ? '' : it.en!));
    expect(v2!.metrics.chrfpp).toBe(corpusChrf(v2Hyps, [refs], CHRF_PP).score);
    expect(v2!.metrics.bleu).toBe(corpusBleu(v2Hyps, [refs]).score);
    expect(v2!.metrics.chrfpp!).toBeLessThan(v1!.metrics.chrfpp!);
    expect(r.report!.best!.label).toBe('translate@v1 · scripted-mt');
    expect(r.report!.winner?.label).not.toBe('translate@v2 · scripted-mt');
    expect(r.report!.comparisons.every((c) => c.n === 20)).toBe(true);

    // the rejected answer is kept so a reader can see why the item failed
    const failed = v2!.items[0]!;
    expect(failed.error).toMatchObject({ code: 'ERR_MODEL_OUTPUT_INVALID', rawAnswer: items[0]!.vi });
    expect(failed.error!.message).toContain('rejected: the answer is still mostly Vietnamese (after 3 attempts)');
    expect(lines.join('')).toContain('translate@v2 · scripted-mt: chrF++');
    expect(lines.join('')).toContain('failed 5/20 (scored as empty)');
  });

  it('scores an NFD answer identical to its reference as identical', async () => {
    const vi = 'Tỉnh Hòa Bình đón 15 đoàn khách quốc tế.';
    const en = 'Hòa Bình province welcomed 15 international delegations.';
    const file = path.join(out, 'nfd.jsonl');
    await writeFile(file, JSON.stringify({ id: 'n1', vi, en }) + '\n');
    server.setScript(() => ({ content: en.normalize('NFD') }));
    const r = await runCli(['--dataset', file, '--out', path.join(out, 'nfd')], { env: env(), stderr: silent });
    expect(r.report!.runs[0]!.items[0]!.hypothesis).toBe(en.normalize('NFC'));
    expect(r.report!.runs[0]!.metrics.chrfpp).toBe(100);
  });

  it('treats a whitespace-only reference as none, with a warning', async () => {
    const file = path.join(out, 'blank.jsonl');
    await writeFile(file, [{ id: 'b1', vi: 'Tỉnh đón 15 đoàn khách.', en: ' \t ' }, { id: 'b2', vi: 'Tổng vốn đạt 790,84 triệu USD.', en: 'Total capital reached USD 790.84 million.' }].map((x) => JSON.stringify(x)).join('\n'));
    server.setScript((req) => ({ content: fakeTranslate(sourceOf(req)) }));
    const lines: string[] = [];
    const r = await runCli(['--dataset', file, '--out', path.join(out, 'blank')], { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    expect(lines.join('')).toContain('warning: 1 item(s) have a whitespace-only reference and are not scored, like items without one: b1');
    expect(r.report!.warnings).toHaveLength(1);
    expect(r.report!.runs[0]!.metrics.scored).toBe(1);
    expect(r.report!.runs[0]!.items[0]!.reference).toBeUndefined();
  });

  it.each([
    { flag: '--prompt', value: 'translate@v1' },
    { flag: '--model', value: 'scripted-mt' },
  ])('refuses $flag given twice', async ({ flag, value }) => {
    const lines: string[] = [];
    const r = await runCli(['--dataset', SMOKE, flag, value, flag, value, '--out', path.join(out, 'dup')], { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    expect(r.exitCode).toBe(2);
    expect(lines.join('')).toContain(`${flag} ${value} is given twice`);
  });
});
