import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBrief, type BriefDraft } from './brief-schema.ts';
import { parseDraft, renderArticle, writeBrief, type BriefSegment } from './brief-chain.ts';
import { createChatModel } from './model.ts';
import { getPrompt, loadPrompts } from './prompts.ts';
import { messageText, startScriptedModelServer, type ChatRequest, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';

const prompt = getPrompt(loadPrompts(), 'brief@v1');
const segments: BriefSegment[] = [
  { id: 'art_1-000', source: 'Hòa Bình đẩy mạnh công tác đối ngoại', translation: 'Hoa Binh steps up foreign affairs' },
  { id: 'art_1-001', source: 'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.', translation: 'On 6 January 2017, the Standing Board of the Provincial Party Committee issued Resolution 12-NQ/TU.' },
  { id: 'art_1-002', source: 'Hòa Bình đang giúp tỉnh Hủa Phăn xây dựng 1 trường THPT.', translation: null },
];

/** A summary of `n` words. */
const words = (n: number) => Array.from({ length: n }, (_, i) => ['The', 'province', 'expanded', 'cooperation', 'with', 'Laos'][i % 6]).join(' ') + '.';

function draft(ids: string[] = ['s1', 's2', 's3'], summaryWords = 100): BriefDraft {
  return {
    headline: 'Hoa Binh steps up foreign affairs',
    summary: words(summaryWords),
    keyPoints: [
      { text: 'Resolution 12 was issued on 6 January 2017.', segmentIds: [ids[1]!] },
      { text: 'Foreign affairs were stepped up.', segmentIds: [ids[0]!] },
      { text: 'A school is being built in Houaphanh.', segmentIds: [ids[2]!] },
    ],
    people: [],
    organisations: ['Standing Board of the Provincial Party Committee'],
    places: ['Hoa Binh', 'Houaphanh'],
    figures: [{ value: '1', unit: 'school', measure: 'upper secondary schools built for Houaphanh', segmentId: ids[2]! }],
  };
}

let server: ScriptedModelServer;
let model: ReturnType<typeof createChatModel>;
beforeAll(async () => {
  server = await startScriptedModelServer();
  model = createChatModel({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_TIMEOUT_MS: 2000, WORKBENCH_MAX_RETRIES: 0 });
});
afterAll(async () => { await server.close(); });
beforeEach(() => server.reset());

const lastUser = (r: ChatRequest) => messageText([...r.messages].reverse().find((m) => m.role === 'user'));

describe('writeBrief', () => {
  it('uses json_schema structured output and maps segment labels to real ids', async () => {
    server.setScript(() => ({ json: draft() }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'short' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'brief' } });
    expect(brief.keyPoints.map((p) => p.segmentIds)).toEqual([['art_1-001'], ['art_1-000'], ['art_1-002']]);
    expect(brief.figures[0]!.segmentId).toBe('art_1-002');
    expect(brief.length).toBe('short');
    expect(lastUser(server.requests[0]!.body)).toContain('[s3] Hòa Bình đang giúp tỉnh Hủa Phăn');
    expect(messageText(server.requests[0]!.body.messages[0])).toContain('about 60 words');
  });

  it('works through a forced tool call', async () => {
    server.setScript(() => ({ json: draft() }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'standard', structured: 'functionCalling' });
    expect(server.requests[0]!.body.tool_choice).toMatchObject({ function: { name: 'brief' } });
    expect(brief.headline).toBe('Hoa Binh steps up foreign affairs');
  });

  it('falls back to JSON text on a server that refuses response_format', async () => {
    server.setScript((req) => (req.response_format ? { status: 400, body: { error: { message: 'response_format is not supported' } } } : { content: '```json\n' + JSON.stringify(draft()) + '\n```' }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'standard' });
    expect(server.requests).toHaveLength(2);
    expect(lastUser(server.requests[1]!.body)).toMatch(/^Answer with one JSON object that follows this JSON Schema/);
    expect(brief.keyPoints).toHaveLength(3);
  });

  it('falls back to JSON text when the server ignores response_format and answers in prose', async () => {
    server.setScript((req) => (req.response_format ? { content: 'The province did many things.' } : { content: JSON.stringify(draft(undefined, 250)) }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'detailed' });
    expect(server.requests).toHaveLength(2);
    expect(brief.places).toEqual(['Hoa Binh', 'Houaphanh']);
  });

  it('repairs a structured answer that misses required fields instead of failing the call', async () => {
    const { people: _p, places: _pl, ...incomplete } = draft();
    let n = 0;
    server.setScript(() => (n++ === 0 ? { json: incomplete } : { content: JSON.stringify(draft()) }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'standard' });
    expect(brief.places).toEqual(['Hoa Binh', 'Houaphanh']);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('repairs once when a key point names a segment that does not exist', async () => {
    server.setScript((_req, ctx) => ({ json: ctx.callIndex === 0 ? draft(['s1', 's9', 's3']) : draft() }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'short' });
    expect(server.requests).toHaveLength(2);
    expect(lastUser(server.requests[1]!.body)).toContain('keyPoints[0] names segment "s9", which does not exist');
    expect(brief.keyPoints[0]!.segmentIds).toEqual(['art_1-001']);
  });

  it('asks once more when the summary is far from the preset length, and does not fail the brief over length alone', async () => {
    server.setScript((_req, ctx) => ({ json: draft(undefined, ctx.callIndex === 0 ? 10 : 12) }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'short' });
    expect(server.requests).toHaveLength(2);
    expect(lastUser(server.requests[1]!.body)).toContain('summary has 10 words; write about 60');
    expect(brief.summary).toBe(words(12));
  });

  it('keeps a first draft that was only too short when the repair breaks something else', async () => {
    server.setScript((_req, ctx) => ({ json: ctx.callIndex === 0 ? draft(undefined, 10) : { ...draft(), keyPoints: [] } }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'short' });
    expect(brief.summary).toBe(words(10));
    expect(brief.keyPoints).toHaveLength(3);
  });

  it('takes the repaired draft when it fixes the summary length', async () => {
    server.setScript((_req, ctx) => ({ json: draft(undefined, ctx.callIndex === 0 ? 900 : 150) }));
    const brief = await writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'standard' });
    expect(brief.summary).toBe(words(150));
  });

  it('fails with ERR_MODEL_OUTPUT_INVALID when the repair is still wrong', async () => {
    server.setScript(() => ({ json: { ...draft(), keyPoints: [] } }));
    await expect(writeBrief(model, 'Hòa Bình', segments, { prompt, length: 'short' })).rejects.toMatchObject({
      code: 'ERR_MODEL_OUTPUT_INVALID',
      message: 'The model answer was not usable: the brief did not validate after one repair: keyPoints has 0 items; give 3 to 7',
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe('brief checks', () => {
  it('labels segments and shows the English with the Vietnamese', () => {
    const { text, labels } = renderArticle(segments);
    expect(labels).toEqual(['s1', 's2', 's3']);
    expect(text.split('\n')[0]).toBe('[s1] Hoa Binh steps up foreign affairs');
  });

  it.each([
    { name: 'not JSON', raw: 'Here is the brief', want: /^not valid JSON/ },
    { name: 'missing fields', raw: '{"headline":"x"}', want: /summary: Invalid input/ },
  ])('parseDraft rejects $name', ({ raw, want }) => {
    expect(parseDraft(raw).problem).toMatch(want);
  });

  it('reports every bad reference', () => {
    const d = draft(['s1', 's2', 's3']);
    d.figures[0]!.segmentId = 's0';
    expect(checkBrief(d, new Set(['s1', 's2', 's3']))).toEqual(['figures[0] names segment "s0", which does not exist']);
  });
});
