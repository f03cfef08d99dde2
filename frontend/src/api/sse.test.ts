import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse.ts';
import { watchJob } from './jobs.ts';
import { seg, useFetch } from '../test/fixtures.ts';

describe('createSseParser', () => {
  it.each([
    { name: 'one event', chunks: ['event: done\ndata: {"status":"completed"}\n\n'], want: [{ event: 'done', data: '{"status":"completed"}' }] },
    { name: 'split mid-line', chunks: ['event: prog', 'ress\nda', 'ta: {"done":1}\n', '\n'], want: [{ event: 'progress', data: '{"done":1}' }] },
    { name: 'CRLF line ends', chunks: ['event: a\r\ndata: x\r\n\r\n'], want: [{ event: 'a', data: 'x' }] },
    { name: 'CRLF split between chunks', chunks: ['event: a\r', '\ndata: x\r\n\r\n'], want: [{ event: 'a', data: 'x' }] },
    { name: 'comments and default event', chunks: [': keep-alive\n\ndata: hi\n\n'], want: [{ event: 'message', data: 'hi' }] },
    { name: 'multi-line data', chunks: ['data: a\ndata: b\n\n'], want: [{ event: 'message', data: 'a\nb' }] },
    { name: 'id is kept', chunks: ['id: 7\nevent: e\ndata: 1\n\n'], want: [{ event: 'e', data: '1', id: '7' }] },
    { name: 'incomplete event waits', chunks: ['event: e\ndata: 1\n'], want: [] },
  ])('$name', ({ chunks, want }) => {
    const got: SseMessage[] = [];
    const push = createSseParser((m) => got.push(m));
    for (const c of chunks) push(c);
    expect(got).toEqual(want);
  });
});

describe('watchJob', () => {
  function streamOf(text: string[]): Response {
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const t of text) c.enqueue(enc.encode(t));
        c.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  it('dispatches progress, segment and done in order', async () => {
    const s = seg({ id: 's1', machineTranslation: 'The Yamanashi delegation', status: 'translated', version: 2 });
    let url = '';
    useFetch(async (u) => {
      url = u;
      return streamOf([
        'event: progress\ndata: {"done":0,"total":2,"failed":0}\n\n',
        `event: segment\ndata: ${JSON.stringify({ segment: s })}\n\n`,
        'event: progress\ndata: {"done":1,"total":2,"failed":1}\n\nevent: done\ndata: {"status":"completed"}\n\n',
      ]);
    });
    const log: unknown[] = [];
    const final = await watchJob('j1', {
      progress: (p) => log.push(['progress', p]),
      segment: (x) => log.push(['segment', x.id, x.translation, x.segment?.version]),
      done: (st) => log.push(['done', st]),
    });
    expect(url).toBe('/api/jobs/j1/events');
    expect(final).toBe('completed');
    expect(log).toEqual([
      ['progress', { done: 0, total: 2, failed: 0 }],
      ['segment', 's1', 'The Yamanashi delegation', 2],
      ['progress', { done: 1, total: 2, failed: 1 }],
      ['done', 'completed'],
    ]);
  });

  it('reads the job-shaped events the server sends', async () => {
    const job = (done: number, status: string) => ({ id: 'j1', status, total: 3, done, failed: 1 });
    useFetch(async () => streamOf([
      `event: progress\ndata: ${JSON.stringify({ type: 'progress', job: job(0, 'running') })}\n\n`,
      `event: segment\ndata: ${JSON.stringify({ type: 'segment', segmentId: 's2', status: 'translated', translation: 'Over 3 years', cached: false, error: null })}\n\n`,
      `event: done\ndata: ${JSON.stringify({ type: 'done', job: job(3, 'partial') })}\n\n`,
    ]));
    const log: unknown[] = [];
    const final = await watchJob('j1', { progress: (p) => log.push(p), segment: (u) => log.push(u) });
    expect(final).toBe('partial');
    expect(log).toEqual([
      { done: 0, total: 3, failed: 1 },
      { id: 's2', status: 'translated', translation: 'Over 3 years', error: null },
      { done: 3, total: 3, failed: 1 },
    ]);
  });

  it('reports an error event and a stream that ends early', async () => {
    useFetch(async () => streamOf(['event: error\ndata: {"message":"model down"}\n\n']));
    const errors: string[] = [];
    expect(await watchJob('j2', { error: (m) => errors.push(m) })).toBe('error');
    expect(errors).toEqual(['model down']);
    useFetch(async () => streamOf(['event: progress\ndata: {"done":1,"total":3,"failed":0}\n\n']));
    expect(await watchJob('j3', {})).toBe('closed');
  });

  it('throws the coded error when the job does not exist', async () => {
    useFetch(async () => new Response(JSON.stringify({ error: { code: 'ERR_JOB_NOT_FOUND', message: 'Job j9 does not exist' } }), { status: 404 }));
    await expect(watchJob('j9', {})).rejects.toMatchObject({ status: 404, code: 'ERR_JOB_NOT_FOUND', message: 'Job j9 does not exist' });
  });
});
