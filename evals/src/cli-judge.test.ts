/**
 * The MQM judge through the product's prompt (judge@v1), model client and run cache, against a scripted judge whose
 * annotations are known: the report's penalties per 1,000 source words and its agreement with the reviewers'
 * annotations are the figures those annotations imply, and a judge that disagrees is reported as such.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSource, messageText, startScriptedModelServer, type ChatRequest, type ScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';
import type { MqmError } from '../../backend/src/qa/mqm.ts';
import { runCli } from './cli.ts';
import { parseJudgeAnswer } from './runner/mqm-judge.ts';
import { pearson } from './runner/mqm-agreement.ts';

const major = (category: MqmError['category']): MqmError => ({ category, severity: 'major' });
const minor = (category: MqmError['category']): MqmError => ({ category, severity: 'minor' });

// real sentences of the Hoa Binh foreign-affairs article, the office's machine translation, the editor's version
// and the reviewers' MQM errors in the machine translation
const ITEMS: { vi: string; en: string; mt: string; annotations: MqmError[] }[] = [
  { vi: 'Năm 2020 tỉnh Hòa Bình đón 15 đoàn khách quốc tế', en: 'In 2020 Hoa Binh province welcomed 15 international delegations', mt: 'In 2020 Hoa Binh welcomed 50 delegations', annotations: [major('numbers-dates'), minor('accuracy/omission')] },
  { vi: 'Tổng vốn đầu tư nước ngoài đạt 790,84 triệu USD', en: 'Total foreign investment reached USD 790.84 million', mt: 'Total foreign investment reached USD 79,084 million', annotations: [major('numbers-dates')] },
  { vi: 'Công tác đối ngoại góp phần quảng bá hình ảnh tỉnh', en: 'Foreign affairs work helped promote the image of the province', mt: 'Foreign work helped promote the province image', annotations: [minor('terminology'), minor('fluency/grammar')] },
  { vi: 'Tỉnh đã ký 3 thỏa thuận hợp tác với địa phương nước ngoài', en: 'The province signed 3 cooperation agreements with foreign localities', mt: 'The province signed 3 cooperation agreements with foreign localities', annotations: [] },
  { vi: 'Ban Thường vụ Tỉnh ủy ban hành Nghị quyết số 12', en: 'The Standing Board of the Provincial Party Committee issued Resolution No. 12', mt: 'The Provincial Committee issued Resolution 12', annotations: [major('names-titles')] },
  { vi: 'Các hoạt động đối ngoại được tổ chức an toàn', en: 'Foreign affairs activities were organised safely', mt: 'Foreign affairs activities were organised safely', annotations: [minor('style')] },
];
const words = (s: string) => s.split(/\s+/).length;
const WEIGHT = { minor: 1, major: 5, critical: 25 } as const;
const per1000 = (errs: MqmError[], source: string) => (errs.reduce((n, e) => n + WEIGHT[e.severity], 0) * 1000) / words(source);

/** What the scripted judge says about each translation it is shown. */
let judgeSays: Map<string, MqmError[]>;
const isJudge = (req: ChatRequest) => messageText(req.messages[0]).includes('MQM framework');

let server: ScriptedModelServer;
let dir: string;
let file: string;
const env = () => ({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', WORKBENCH_MODEL: 'scripted-mt', WORKBENCH_MAX_RETRIES: '0', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data') });

beforeAll(async () => {
  server = await startScriptedModelServer({
    script: (req) => {
      const user = messageText(req.messages.at(-1));
      if (isJudge(req)) {
        const translation = /<translation>\n([\s\S]*?)\n<\/translation>/.exec(user)![1]!;
        const errors = judgeSays.get(translation);
        if (!errors) return { status: 500, body: { error: { message: `no scripted judgement for ${translation}` } } };
        // the span of each error is quoted from the translation, as the prompt asks
        return { content: JSON.stringify({ errors: errors.map((e) => ({ ...e, span: translation.split(' ')[1], note: 'scripted' })) }) };
      }
      // the translation: the editor's English for all but the last two items, the machine translation for those
      const i = ITEMS.findIndex((it) => it.vi === extractSource(user));
      return { content: i >= 4 ? ITEMS[i]!.mt : ITEMS[i]!.en };
    },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'evals-judge-'));
  file = path.join(dir, 'corrections.jsonl');
  await writeFile(file, ITEMS.map((it, i) => JSON.stringify({ id: `c${i + 1}`, doc: `d${i}`, ...it })).join('\n'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('MQM judge', () => {
  it('reproduces the penalties and agrees with reviewers whose errors it finds', async () => {
    // on the office's machine translations it finds what the reviewers found; the editor's English is clean
    judgeSays = new Map<string, MqmError[]>([...ITEMS.map((it): [string, MqmError[]] => [it.mt, it.annotations]), ...ITEMS.slice(0, 4).map((it): [string, MqmError[]] => [it.en, []])]);
    const r = await runCli(['--dataset', file, '--judge', '--out', path.join(dir, 'agree')], { env: env(), stderr: { write: () => true } });
    const run = r.report!.runs[0]!;
    // items 5 and 6 were answered with the machine translation: their reviewer errors count
    const penalty = WEIGHT.major + WEIGHT.minor;
    const allWords = ITEMS.reduce((n, it) => n + words(it.vi), 0);
    expect(run.metrics.mqm).toEqual({ judged: 6, notJudged: 0, per1000: (penalty * 1000) / allWords, majorItems: 1 });
    expect(run.items[4]!.judge).toMatchObject({ score: per1000([major('names-titles')], ITEMS[4]!.vi), major: true });
    expect(run.items[4]!.judge).toMatchObject({ errors: [{ category: 'names-titles', severity: 'major', span: { start: 4, end: 14 } }] });
    expect(r.report!.judge).toMatchObject({ prompt: 'judge@v1', model: 'scripted-mt', agreement: { n: 6, pearson: 1, precision: 1, recall: 1, reviewerMajor: 3, judgeMajor: 3, bothMajor: 3, verdict: 'agrees' } });
    // 6 translations, 6 judgements of them, and of the 6 machine translations only the 3 not judged already
    // (items 4-6 were answered with the machine translation's very words: the judge's cache serves them)
    expect(server.requests.filter((q) => isJudge(q.body))).toHaveLength(9);
    expect(server.requests).toHaveLength(15);

    // the judge's calls are cached like the translations: a run into a new folder makes none
    server.reset();
    const again = await runCli(['--dataset', file, '--judge', '--out', path.join(dir, 'agree2')], { env: env(), stderr: { write: () => true } });
    expect(server.requests).toHaveLength(0);
    expect(again.report!.runs[0]!.metrics.mqm).toEqual(run.metrics.mqm);
  });

  it('reports a judge that disagrees with the reviewers as such', async () => {
    // it misses two of the three major errors and calls a clean sentence badly translated
    const onMt: MqmError[][] = [[minor('numbers-dates')], [], [], [major('accuracy/mistranslation'), major('style')], [major('names-titles')], []];
    // the editor's English first: item 4's machine translation is the same text, and what the judge says of it wins
    judgeSays = new Map<string, MqmError[]>([...ITEMS.slice(0, 4).map((it): [string, MqmError[]] => [it.en, []]), ...ITEMS.map((it, i): [string, MqmError[]] => [it.mt, onMt[i]!])]);
    server.reset();
    const lines: string[] = [];
    const r = await runCli(['--dataset', file, '--judge', '--no-cache', '--out', path.join(dir, 'disagree')], { env: env(), stderr: { write: (s: string) => lines.push(s) } });
    const expectedR = pearson(onMt.map((e, i) => per1000(e, ITEMS[i]!.vi)), ITEMS.map((it) => per1000(it.annotations, it.vi)))!;
    expect(expectedR).toBeLessThan(0.5);
    expect(r.report!.judge!.agreement).toMatchObject({ n: 6, precision: 0.5, recall: 1 / 3, reviewerMajor: 3, judgeMajor: 2, bothMajor: 1, verdict: 'disagrees' });
    expect(r.report!.judge!.agreement!.pearson).toBeCloseTo(expectedR, 12);
    expect(lines.join('')).toContain('judge vs reviewers on 6 annotated segments: disagrees');
    const html = (await import('node:fs')).readFileSync(path.join(dir, 'disagree', 'report.html'), 'utf8');
    expect(html).toContain("<strong>The judge disagrees with the office&#39;s reviewers</strong>".replace('&#39;', "'"));
    expect(html).toContain('MQM penalty / 1,000 words (judge)');
  });

  it.each([
    { name: 'a fenced JSON answer', raw: '```json\n{"errors":[{"category":"Terminology","severity":"MAJOR","span":"Standing Board"}]}\n```', out: [{ category: 'terminology', severity: 'major', span: { start: 4, end: 18 } }] },
    { name: 'no errors', raw: '{"errors": []}', out: [] },
  ])('parses $name', ({ raw, out }) => expect(parseJudgeAnswer(raw, 'The Standing Board met.')).toEqual(out));

  it.each([
    { raw: 'The translation is fine.' },
    { raw: '{"errors":[{"category":"tone","severity":"minor"}]}' },
  ])('refuses $raw', ({ raw }) => expect(() => parseJudgeAnswer(raw, 'x')).toThrow());
});

describe('pearson', () => {
  it.each([
    { xs: [1, 2, 3], ys: [2, 4, 6], r: 1 },
    { xs: [1, 2, 3], ys: [3, 2, 1], r: -1 },
    { xs: [1, 1, 1], ys: [1, 2, 3], r: null },
  ])('$xs vs $ys', ({ xs, ys, r }) => expect(pearson(xs, ys)).toBe(r));
});
