/**
 * The LLM judge through the product's model factory against the scripted server: two models' briefs, the judge
 * prefers the better one whichever position it is shown in, at temperature 0, with repeats and agreement reported.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText, startScriptedModelServer, type ScriptedModelServer } from '../../../backend/test/helpers/scripted-model-server.ts';
import { runCli } from '../cli.ts';
import type { BriefReport } from '../report/brief-report.ts';
import { parseVerdict } from './brief-judge.ts';

const brief = (headline: string) => ({
  headline, summary: 'Hoa Binh received 15 delegations in 2019.', people: [], organisations: [], places: ['Hoa Binh'],
  keyPoints: [1, 2, 3].map((i) => ({ text: `Point ${i}.`, segmentIds: ['s1'] })),
  figures: [{ value: '15', unit: 'delegations', measure: 'delegations received', segmentId: 's1' }],
});

describe('parseVerdict', () => {
  it.each([
    { raw: '```json\n{"faithfulness":[4,5],"coverage":[3,4],"preferred":"2"}\n```', ok: true },
    { raw: '{"faithfulness":[0,5],"coverage":[3,4],"preferred":"2"}', ok: false },
    { raw: '{"faithfulness":[4,5],"coverage":[3,4],"preferred":"A"}', ok: false },
    { raw: 'Brief 2 is better.', ok: false },
  ])('$raw', ({ raw, ok }) => {
    if (ok) expect(parseVerdict(raw)).toEqual({ faithfulness: [4, 5], coverage: [3, 4], preferred: '2' });
    else expect(() => parseVerdict(raw)).toThrow();
  });
});

describe('EVAL_JUDGE_MODEL', () => {
  let server: ScriptedModelServer;
  let out: string;
  beforeAll(async () => {
    server = await startScriptedModelServer({
      script: (req) => {
        if (messageText(req.messages[0]).startsWith('You compare two English briefs')) {
          const user = messageText(req.messages[1]);
          const goodFirst = user.indexOf('Thorough brief') < user.indexOf('Thin brief');
          return { content: JSON.stringify({ faithfulness: goodFirst ? [5, 3] : [3, 5], coverage: goodFirst ? [4, 2] : [2, 4], preferred: goodFirst ? '1' : '2' }) };
        }
        return { json: brief(req.model === 'strong' ? 'Thorough brief' : 'Thin brief') };
      },
    });
    out = await mkdtemp(path.join(tmpdir(), 'evals-judge-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(out, { recursive: true, force: true });
  });

  it('judges each article in both positions and maps the verdicts back to the right configuration', async () => {
    const file = path.join(out, 'a.jsonl');
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `a${i}`, article: `Năm 2019, tỉnh Hòa Bình đón 15 đoàn khách quốc tế. Bài ${i}.` }));
    await writeFile(file, lines.join('\n'));
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 't', WORKBENCH_MAX_RETRIES: '0', EVAL_JUDGE_MODEL: 'judge-1', EVAL_JUDGE_REPEATS: '2' };
    const r = await runCli(['--dataset', file, '--prompt', 'brief@v1', '--model', 'weak', '--model', 'strong', '--out', path.join(out, 'r')], { env, stderr: { write: () => true } });
    expect(r.exitCode).toBe(0);
    const report: BriefReport = JSON.parse(await readFile(path.join(out, 'r', 'report.json'), 'utf8'));
    const j = report.judge[0]!;
    expect(j).toMatchObject({
      judgeModel: 'judge-1', baseline: 'brief@v1 · weak', system: 'brief@v1 · strong', repeats: 2, n: 6,
      wins: { baseline: 0, system: 12, tie: 0 }, meanFaithfulness: { baseline: 3, system: 5 }, meanCoverage: { baseline: 2, system: 4 }, agreement: 1,
    });
    const positions = new Set(j.items.map((i) => i.verdicts[0]!.baselineFirst));
    expect(positions).toEqual(new Set([true, false]));
    const judgeCalls = server.requests.filter((q) => q.body.model === 'judge-1');
    expect(judgeCalls).toHaveLength(12);
    expect(judgeCalls.every((q) => q.body.temperature === 0)).toBe(true);
    expect(await readFile(path.join(out, 'r', 'report.html'), 'utf8')).toContain('LLM judge');

    // the same questions again: answered from cache, in the same order
    server.reset();
    await runCli(['--dataset', file, '--prompt', 'brief@v1', '--model', 'weak', '--model', 'strong', '--out', path.join(out, 'r')], { env, stderr: { write: () => true } });
    expect(server.requests).toHaveLength(0);
  });
});
