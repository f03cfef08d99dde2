import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HumanMessage } from '@langchain/core/messages';
import { startScriptedModelServer, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';
import { budgetedFetch, guessedBackoffMs, retryAfterMs } from './budgeted-fetch.ts';
import { createChatModel, type ModelConfig } from './model.ts';
import { createProviderBudget, type ProviderBudget } from './provider-budget.ts';

/** An in-memory budget that also counts what passes through it. */
async function countingBudget(concurrency = 4) {
  const inner = await createProviderBudget({ store: { kind: 'sqlite', file: ':memory:' }, concurrency });
  const counts = { acquired: 0, held: 0, slowDowns: [] as number[] };
  const budget: ProviderBudget = {
    acquire: async (signal) => {
      const release = await inner.acquire(signal);
      counts.acquired++;
      counts.held++;
      let done = false;
      return () => {
        if (!done) counts.held--;
        done = true;
        release();
      };
    },
    slowDown: (ms) => { counts.slowDowns.push(ms); return inner.slowDown(ms); },
    close: () => inner.close(),
  };
  return { budget, counts };
}

const ask = (i: number) => [new HumanMessage(`<source>Câu số ${i}</source>`)];

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it.each([
    { name: 'retry-after-ms wins', headers: { 'retry-after-ms': '250', 'retry-after': '9' }, ms: 250 },
    { name: 'seconds', headers: { 'retry-after': '2' }, ms: 2000 },
    { name: 'fractional seconds', headers: { 'retry-after': '0.5' }, ms: 500 },
    { name: 'an HTTP date', headers: { 'retry-after': 'Sun, 29 Nov 2026 12:00:03 GMT' }, ms: 3000 },
    { name: 'a date already past', headers: { 'retry-after': 'Sun, 29 Nov 2026 11:00:00 GMT' }, ms: 0 },
    { name: 'nothing usable', headers: { 'retry-after': 'soon' }, ms: undefined },
    { name: 'no header', headers: {}, ms: undefined },
  ])('$name', ({ headers, ms }) => {
    expect(retryAfterMs(new Headers(headers as Record<string, string>), now)).toBe(ms);
  });

  it('guesses 1 s doubling up to 30 s when no header says', () => {
    expect([1, 2, 3, 5, 6, 10].map(guessedBackoffMs)).toEqual([1000, 2000, 4000, 16_000, 30_000, 30_000]);
  });
});

describe('budgetedFetch', () => {
  let server: ScriptedModelServer;
  let config: ModelConfig;
  beforeAll(async () => {
    server = await startScriptedModelServer();
    config = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_TIMEOUT_MS: 5000, WORKBENCH_MAX_RETRIES: 2 };
  });
  afterAll(async () => { await server.close(); });
  beforeEach(() => {
    server.reset();
    server.setLatency(0);
    server.setScript(({ messages }) => ({ content: `ok ${messages.length}` }));
  });

  it('holds the slot until the body has been read, then gives it back', async () => {
    const { budget, counts } = await countingBudget();
    const res = await budgetedFetch(budget)(`${server.baseURL}/chat/completions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(res.url).toBe(`${server.baseURL}/chat/completions`);
    expect(counts.held).toBe(1);
    expect((await res.json()).choices[0].message.content).toBe('ok 0');
    expect(counts.held).toBe(0);
  });

  it('gives the slot back when the body is cancelled unread', async () => {
    const { budget, counts } = await countingBudget();
    const res = await budgetedFetch(budget)(`${server.baseURL}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [] }) });
    expect(counts.held).toBe(1);
    await res.body!.cancel();
    expect(counts.held).toBe(0);
  });

  it('gives the slot back when the request fails', async () => {
    const { budget, counts } = await countingBudget();
    // Port 9 (discard) on the loopback: nothing listens, the connection is refused.
    await expect(budgetedFetch(budget)('http://127.0.0.1:9/v1/chat/completions', { method: 'POST' })).rejects.toThrow();
    expect(counts).toMatchObject({ acquired: 1, held: 0 });
  });

  it('holds a streamed answer until its last chunk, through model.stream()', async () => {
    const { budget, counts } = await countingBudget();
    server.setScript(() => ({ content: 'one two three four five six' }));
    const heldWhileStreaming: number[] = [];
    let text = '';
    for await (const chunk of await createChatModel(config, { budget }).stream(ask(1))) {
      heldWhileStreaming.push(counts.held);
      text += String(chunk.content);
    }
    expect(text).toBe('one two three four five six');
    expect(heldWhileStreaming.slice(0, 3)).toEqual([1, 1, 1]);
    expect(counts).toMatchObject({ acquired: 1, held: 0 });
  });

  it('counts every attempt, LangChain retries included', async () => {
    const { budget, counts } = await countingBudget();
    server.setScript((_req, { callIndex }) => (callIndex < 1 ? { status: 500 } : { content: 'second time' }));
    const reply = await createChatModel(config, { budget, maxRetries: 2 }).invoke(ask(2));
    expect(reply.content).toBe('second time');
    expect(server.requests).toHaveLength(2);
    expect(counts).toMatchObject({ acquired: 2, held: 0 });
  });

  it('after a 429 with Retry-After, no other holder starts a call until it has passed', async () => {
    const { budget, counts } = await countingBudget();
    server.setScript((_req, { callIndex }) => (callIndex === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { content: 'fine' }));
    const model = createChatModel(config, { budget, maxRetries: 2 });
    const first = model.invoke(ask(0));
    while (server.requests[0]?.endedAt === undefined) await new Promise((r) => setTimeout(r, 5));
    const limitedAt = server.requests[0]!.endedAt!;
    const others = await Promise.all([1, 2, 3].map((i) => model.invoke(ask(i))));
    expect((await first).content).toBe('fine');
    expect(others.map((r) => r.content)).toEqual(['fine', 'fine', 'fine']);
    expect(counts.slowDowns).toEqual([1000]);
    const later = server.requests.slice(1);
    expect(later).toHaveLength(4);
    for (const r of later) expect(r.startedAt).toBeGreaterThanOrEqual(limitedAt + 1000);
  });

  it('backs off 1 s, then 2 s, after 429s in a row that name no delay, whichever model saw them; a success resets it', async () => {
    const { budget, counts } = await countingBudget();
    server.setScript((_req, { callIndex }) => (callIndex === 2 ? { content: 'fine' } : { status: 429 }));
    await expect(createChatModel(config, { budget, maxRetries: 0 }).invoke(ask(0))).rejects.toMatchObject({ status: 429 });
    expect((await createChatModel(config, { budget, maxRetries: 1 }).invoke(ask(1))).content).toBe('fine');
    await expect(createChatModel(config, { budget, maxRetries: 0 }).invoke(ask(2))).rejects.toMatchObject({ status: 429 });
    expect(counts.slowDowns).toEqual([1000, 2000, 1000]);
    const [a, b, c] = server.requests;
    expect(b!.startedAt - a!.endedAt!).toBeGreaterThanOrEqual(1000);
    expect(c!.startedAt - b!.endedAt!).toBeGreaterThanOrEqual(2000);
  }, 15_000);
});
