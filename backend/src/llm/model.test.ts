import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HumanMessage } from '@langchain/core/messages';
import { createChatModel, isRetryableModelError, type ModelConfig } from './model.ts';
import { countTokens, fakeTranslate, startScriptedModelServer, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';

let server: ScriptedModelServer;
let config: ModelConfig;

beforeAll(async () => {
  server = await startScriptedModelServer();
  config = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_TIMEOUT_MS: 2000, WORKBENCH_MAX_RETRIES: 3 };
});
afterAll(async () => { await server.close(); });
beforeEach(() => { server.reset(); server.setLatency(0); });

const source = 'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.';
const ask = new HumanMessage(`<source>\n${source}\n</source>`);

describe('createChatModel', () => {
  it('refuses to build without an API key or base URL', () => {
    expect(() => createChatModel({ ...config, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined })).toThrow(
      expect.objectContaining({ code: 'ERR_MODEL_NOT_CONFIGURED' }),
    );
  });

  it('gets a non-streamed answer with token usage', async () => {
    const reply = await createChatModel(config, { temperature: 0.1 }).invoke([ask]);
    expect(reply.content).toBe(fakeTranslate(source));
    expect(reply.usage_metadata?.input_tokens).toBeGreaterThan(10);
    expect(reply.usage_metadata?.output_tokens).toBe(fakeTranslate(source).split(/\s+/).length + 1);
    expect(server.requests[0]!.body.temperature).toBe(0.1);
    expect(server.requests[0]!.body.stream).toBeFalsy();
  });

  it('streams with model.stream(), the last chunk carrying usage', async () => {
    let text = '';
    let chunks = 0;
    let outputTokens = 0;
    for await (const chunk of await createChatModel(config).stream([ask])) {
      text += String(chunk.content);
      chunks++;
      outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
    }
    expect(text).toBe(fakeTranslate(source));
    expect(chunks).toBeGreaterThan(3);
    expect(outputTokens).toBe(countTokens(fakeTranslate(source)));
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  const Schema = z.object({ headline: z.string(), points: z.array(z.string()) });
  it.each([
    { name: 'json_schema response format', method: 'jsonSchema' as const },
    { name: 'forced tool call', method: 'functionCalling' as const },
  ])('returns structured output through $name', async ({ method }) => {
    server.setScript(() => ({ json: { headline: 'Hoa Binh expands ties', points: ['a', 'b'] } }));
    const out = await createChatModel(config).withStructuredOutput(Schema, { name: 'brief', method }).invoke([ask]);
    expect(out).toEqual({ headline: 'Hoa Binh expands ties', points: ['a', 'b'] });
    const body = server.requests[0]!.body;
    if (method === 'jsonSchema') expect(body.response_format?.type).toBe('json_schema');
    else expect(body.tools?.[0]?.function.name).toBe('brief');
  });

  it.each([
    { name: '429 without Retry-After', fail: { status: 429 } },
    { name: '500', fail: { status: 500 } },
    { name: '503', fail: { status: 503 } },
  ])('retries after a $name and succeeds', async ({ fail }) => {
    server.setScript((_req, ctx) => (ctx.callIndex === 0 ? fail : { content: 'Done.' }));
    const reply = await createChatModel(config).invoke([ask]);
    expect(reply.content).toBe('Done.');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers['retry-after']).toBeUndefined();
  });

  it.each([400, 401, 403, 404])('does not retry a %i', async (status) => {
    server.setScript(() => ({ status }));
    await expect(createChatModel(config).invoke([ask])).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry an exhausted quota', async () => {
    server.setScript(() => ({ status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } }));
    await expect(createChatModel(config).invoke([ask])).rejects.toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hung call and retries it', async () => {
    server.setScript((_req, ctx) => (ctx.callIndex === 0 ? { hang: true } : { content: 'Answered.' }));
    const started = Date.now();
    const reply = await createChatModel(config, { timeoutMs: 300 }).invoke([ask]);
    expect(reply.content).toBe('Answered.');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('gives up on a call that always hangs after the retries', async () => {
    server.setScript(() => ({ hang: true }));
    await expect(createChatModel(config, { timeoutMs: 200, maxRetries: 1 }).invoke([ask])).rejects.toThrow(/timed out/i);
    expect(server.requests).toHaveLength(2);
  });

  it('aborts an in-flight call when the signal fires', async () => {
    server.setScript(() => ({ hang: true }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(createChatModel(config).invoke([ask], { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(server.requests).toHaveLength(1);
  });
});

describe('isRetryableModelError', () => {
  it.each([
    { name: 'headerless 429', err: { status: 429, message: 'Too Many Requests' }, want: true },
    { name: '500', err: { status: 500 }, want: true },
    { name: 'connection error', err: { name: 'APIConnectionError', message: 'Connection error.' }, want: true },
    { name: 'timeout', err: { name: 'APIConnectionTimeoutError', message: 'Request timed out.' }, want: true },
    { name: '400', err: { status: 400 }, want: false },
    { name: '401', err: { status: 401 }, want: false },
    { name: '403', err: { status: 403 }, want: false },
    { name: '404', err: { status: 404 }, want: false },
    { name: 'insufficient quota', err: { status: 429, code: 'insufficient_quota' }, want: false },
    { name: 'abort', err: { name: 'AbortError', message: 'Aborted' }, want: false },
    { name: 'an answer that is not JSON', err: { name: 'SyntaxError', message: 'Unexpected token' }, want: false },
  ])('$name -> $want', ({ err, want }) => {
    expect(isRetryableModelError(err)).toBe(want);
  });
});
