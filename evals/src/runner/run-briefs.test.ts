/**
 * Brief evaluation end to end: `runCli --prompt brief@v1` through the product's brief chain against the scripted
 * server, on the Hoa Binh article's lead; plus the scoring of figures and key points.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../backend/test/helpers/scripted-model-server.ts';
import { runCli } from '../cli.ts';
import type { BriefReport } from '../report/brief-report.ts';
import { articleSegments, scoreBrief, type BriefOutput } from './run-briefs.ts';

// the lead of the Hoa Binh foreign-affairs article (backend/test/fixtures/hoabinh-doi-ngoai-2020.txt)
const ARTICLE =
  'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU về đẩy mạnh công tác đối ngoại. ' +
  'Năm 2019, tỉnh đón 15 đoàn khách quốc tế. Kim ngạch xuất khẩu đạt 790,84 triệu USD.';

const GOOD: BriefOutput & Record<string, unknown> = {
  people: [],
  organisations: ['Standing Board of the Provincial Party Committee'],
  places: ['Hoa Binh'],
  headline: 'Hoa Binh steps up foreign affairs',
  summary: 'In 2019 the province received 15 international delegations and exports reached USD 790.84 million.',
  keyPoints: [
    { text: 'Resolution 12-NQ/TU of 6 January 2017 set the course.', segmentIds: ['s1'] },
    { text: 'The province received 15 delegations in 2019.', segmentIds: ['s2'] },
    { text: 'Exports reached USD 790.84 million.', segmentIds: ['s3'] },
  ],
  figures: [
    { value: '15', unit: 'delegations', measure: 'international delegations received', segmentId: 's2' },
    { value: '790.84', unit: 'million USD', measure: 'export turnover', segmentId: 's3' },
    { value: '990', unit: 'million USD', measure: 'export turnover', segmentId: 's3' },
  ],
};

describe('scoreBrief', () => {
  it('checks figures against the segment they cite and key points against the segments that exist', () => {
    const segs = articleSegments(ARTICLE);
    expect(segs.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    const bad = { ...GOOD, summary: `${GOOD.summary} Growth was 25%.`, keyPoints: [...GOOD.keyPoints, { text: 'x', segmentIds: ['s9'] }] };
    expect(scoreBrief(bad, segs)).toEqual({ schemaValid: true, figures: 3, figuresPreserved: 2, inventedNumbers: 1, keyPoints: 4, keyPointsReal: 3 });
  });
});

describe('npm run eval -- --prompt brief@v1', () => {
  let server: ScriptedModelServer;
  let out: string;
  beforeAll(async () => {
    // the second article always gets a key point citing a segment that does not exist, even after the repair
    server = await startScriptedModelServer({
      script: (req) => {
        const all = req.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
        const broken = all.includes('Lạc Sơn');
        return { json: broken ? { ...GOOD, keyPoints: GOOD.keyPoints.map((k) => ({ ...k, segmentIds: ['s42'] })) } : GOOD };
      },
    });
    out = await mkdtemp(path.join(tmpdir(), 'evals-brief-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(out, { recursive: true, force: true });
  });

  it('scores each brief, records an invalid one, and serves a re-run from cache', async () => {
    const file = path.join(out, 'articles.jsonl');
    await writeFile(file, [
      JSON.stringify({ id: 'hb-1', title: 'Đối ngoại Hòa Bình', article: ARTICLE }),
      JSON.stringify({ id: 'hb-2', title: 'Lạc Sơn', article: 'Huyện Lạc Sơn đón 3 đoàn khách. Du lịch tăng trưởng mạnh. Nhiều dự án mới.' }),
    ].join('\n'));
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0' };
    const args = ['--dataset', file, '--prompt', 'brief@v1', '--out', path.join(out, 'r')];
    const r = await runCli(args, { env, stderr: { write: () => true } });
    expect(r.exitCode).toBe(0);
    const report: BriefReport = JSON.parse(await readFile(path.join(out, 'r', 'report.json'), 'utf8'));
    const [hb1, hb2] = report.runs[0]!.items;
    expect(hb1!.scores).toEqual({ schemaValid: true, figures: 3, figuresPreserved: 2, inventedNumbers: 0, keyPoints: 3, keyPointsReal: 3 });
    expect(hb2!.error?.code).toBe('ERR_MODEL_OUTPUT_INVALID');
    expect(hb2!.scores?.schemaValid).toBe(false);
    expect(report.runs[0]!.metrics).toMatchObject({ items: 2, failed: 1, schemaValidRate: 0.5, figuresPreservedRate: 2 / 3, keyPointsRealRate: 1 });
    const html = await readFile(path.join(out, 'r', 'report.html'), 'utf8');
    expect(html).toContain('Hoa Binh steps up foreign affairs');

    const calls = server.requests.length;
    const again = await runCli(args, { env, stderr: { write: () => true } });
    expect(again.exitCode).toBe(0);
    // the valid brief comes from cache; only the invalid one is asked for again
    const second: BriefReport = JSON.parse(await readFile(path.join(out, 'r', 'report.json'), 'utf8'));
    expect(second.runs[0]!.metrics.cached).toBe(1);
    expect(server.requests.length - calls).toBeGreaterThan(0);
    expect(server.requests.slice(calls).every((q) => JSON.stringify(q.body.messages).includes('Lạc Sơn'))).toBe(true);
  });
});
