/** Server-sent events for a route: the stream's headers, a heartbeat, and an end when the client goes away. */
import type { FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 15_000;

/**
 * Answer with `events(signal)` as text/event-stream, one `event: <type>` per item; `signal` aborts when the client
 * closes the connection. An error while streaming is sent as an `error` event before the stream ends.
 */
export async function sendEventStream(req: FastifyRequest, reply: FastifyReply, events: (signal: AbortSignal) => AsyncIterable<{ type: string }>): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = new AbortController();
  req.raw.on('close', () => stop.abort());
  try {
    for await (const event of events(stop.signal)) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  } catch (err) {
    res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', message: (err as Error).message })}\n\n`);
  } finally {
    clearInterval(heartbeat);
    res.end();
  }
}
