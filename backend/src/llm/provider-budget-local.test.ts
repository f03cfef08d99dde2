import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HumanMessage } from '@langchain/core/messages';
import { startScriptedModelServer, type ScriptedModelServer } from '../../test/helpers/scripted-model-server.ts';
import { createChatModel, type ModelConfig } from './model.ts';
import { createProviderBudget, type ProviderBudget } from './provider-budget.ts';

const inMemory = { kind: 'sqlite', file: ':memory:' } as const;

/** Whether `p` has settled by now (after pending microtasks). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('in-process provider budget against the scripted server', () => {
  let server: ScriptedModelServer;
  let config: ModelConfig;
  beforeAll(async () => {
    server = await startScriptedModelServer({ latencyMs: 30 });
    config = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL, WORKBENCH_MODEL: 'scripted-1', WORKBENCH_TIMEOUT_MS: 5000, WORKBENCH_MAX_RETRIES: 2 };
  });
  afterAll(async () => { await server.close(); });

  it('never has more than `concurrency` calls in flight at the server, and is reached', async () => {
    server.reset();
    const budget = await createProviderBudget({ store: inMemory, concurrency: 3 });
    const model = createChatModel(config, { budget });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => model.invoke([new HumanMessage(`<source>Câu ${i}</source>`)])));
    expect(replies).toHaveLength(20);
    expect(server.requests).toHaveLength(20);
    expect(server.maxInFlight).toBe(3);
    await budget.close();
  });

  it('leaves the model unlimited without a budget (what the test above would see)', async () => {
    server.reset();
    const model = createChatModel(config);
    await Promise.all(Array.from({ length: 8 }, (_, i) => model.invoke([new HumanMessage(`<source>Câu ${i}</source>`)])));
    expect(server.maxInFlight).toBe(8);
  });
});

describe('in-process provider budget in fake time', () => {
  let budget: ProviderBudget | undefined;
  afterEach(async () => {
    await budget?.close();
    vi.useRealTimers();
  });

  it('starts at most `rpm` calls in any minute, released or not', async () => {
    vi.useFakeTimers();
    budget = await createProviderBudget({ store: inMemory, concurrency: 10, rpm: 3 });
    for (let i = 0; i < 3; i++) (await budget.acquire())();
    const fourth = budget.acquire();
    expect(await settled(fourth)).toBe(false);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(await settled(fourth)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(fourth)).toBe(true);
  });

  it('starts nothing during a back-off, then serves the waiters in order', async () => {
    vi.useFakeTimers();
    budget = await createProviderBudget({ store: inMemory, concurrency: 2 });
    await budget.slowDown(5000);
    await budget.slowDown(1000); // a shorter one does not cut the running back-off
    const order: number[] = [];
    const waits = [0, 1].map((i) => budget!.acquire().then((release) => { order.push(i); return release; }));
    await vi.advanceTimersByTimeAsync(4999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual([0, 1]);
    for (const w of waits) (await w)();
  });

  it('gives the slot to the next waiter when one is released, and not before', async () => {
    vi.useFakeTimers();
    budget = await createProviderBudget({ store: inMemory, concurrency: 1 });
    const first = await budget.acquire();
    const second = budget.acquire();
    expect(await settled(second)).toBe(false);
    first();
    first(); // a second release gives nothing back twice
    expect(await settled(second)).toBe(true);
    const third = budget.acquire();
    expect(await settled(third)).toBe(false);
    (await second)();
    expect(await settled(third)).toBe(true);
  });

  it('rejects an aborted wait with the signal reason and keeps the queue moving', async () => {
    vi.useFakeTimers();
    budget = await createProviderBudget({ store: inMemory, concurrency: 1 });
    const first = await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    const next = budget.acquire();
    controller.abort(new Error('job cancelled'));
    await expect(aborted).rejects.toThrow('job cancelled');
    first();
    expect(await settled(next)).toBe(true);
  });

  it('refuses waiting and later callers once closed', async () => {
    const b = await createProviderBudget({ store: inMemory, concurrency: 1 });
    await b.acquire();
    const waiting = b.acquire();
    await b.close();
    await expect(waiting).rejects.toThrow('closed');
    await expect(b.acquire()).rejects.toThrow('closed');
  });
});
