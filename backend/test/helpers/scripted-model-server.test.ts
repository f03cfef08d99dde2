import { afterAll, beforeAll, expect, it } from 'vitest';
import OpenAI from 'openai';
import { countTokens, fakeTranslate, startScriptedModelServer, type ScriptedModelServer } from './scripted-model-server.ts';

let server: ScriptedModelServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startScriptedModelServer();
  client = new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
});
afterAll(async () => { await server.close(); });

const source = 'Hòa Bình đang giúp tỉnh Hủa Phăn xây dựng 1 trường THPT.';

it('streams a text answer in chunks and ends with usage', async () => {
  server.reset();
  const stream = await client.chat.completions.create({
    model: 'm', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: `<source>\n${source}\n</source>` }],
  });
  let text = '';
  let chunks = 0;
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const c of stream) {
    chunks++;
    text += c.choices[0]?.delta.content ?? '';
    usage = c.usage ?? usage;
  }
  expect(text).toBe(fakeTranslate(source));
  expect(chunks).toBeGreaterThan(4);
  expect(usage?.completion_tokens).toBe(countTokens(fakeTranslate(source)));
  expect(server.requests).toHaveLength(1);
});

it('streams a forced tool call whose arguments join into the JSON', async () => {
  server.setScript(() => ({ json: { headline: 'A long headline about cooperation with Laos and Korea' } }));
  const stream = await client.chat.completions.create({
    model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }],
    tools: [{ type: 'function', function: { name: 'brief', parameters: { type: 'object' } } }],
    tool_choice: { type: 'function', function: { name: 'brief' } },
  });
  let args = '';
  let name = '';
  for await (const c of stream) {
    const call = c.choices[0]?.delta.tool_calls?.[0];
    name += call?.function?.name ?? '';
    args += call?.function?.arguments ?? '';
  }
  expect(name).toBe('brief');
  expect(JSON.parse(args)).toEqual({ headline: 'A long headline about cooperation with Laos and Korea' });
});

it.each([
  { text: 'Năm 2020 có 1.500 người', want: 7 },
  { text: 'Hello, world.', want: 4 },
])('countTokens($text) = $want', ({ text, want }) => {
  expect(countTokens(text)).toBe(want);
});
