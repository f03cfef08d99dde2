/** Server-sent events for the routes: one way to open a stream, keep it alive, report an error and close it. */
import type { FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 15_000;

/**
 * Take over the reply and write each event of `open(signal)` as `event: <type>` with the event as JSON data, until
 * the events end or the client goes away (which aborts `signal`). `ready` is sent once the events are subscribed, so
 * a client that waits for it misses nothing after it. A thrown error becomes an `error` event; the stream always ends.
 */
export async function sendEvents<E extends { type: string }>(
  req: FastifyRequest,
  reply: FastifyReply,
  open: (signal: AbortSignal) => AsyncGenerator<E>,
  ready?: Record<string, unknown>,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = new AbortController();
  req.raw.on('close', () => stop.abort());
  const events = open(stop.signal);
  try {
    const first = events.next(); // runs the generator up to its first wait, which subscribes
    if (ready) res.write(`event: ready\ndata: ${JSON.stringify({ type: 'ready', ...ready })}\n\n`);
    for (let e = await first; !e.done; e = await events.next()) res.write(`event: ${e.value.type}\ndata: ${JSON.stringify(e.value)}\n\n`);
  } catch (err) {
    res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', message: (err as Error).message })}\n\n`);
  } finally {
    clearInterval(heartbeat);
    await events.return(undefined);
    res.end();
  }
}
