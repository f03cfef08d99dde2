/**
 * A server-sent events reader over fetch, so it can be cancelled with an AbortSignal and tested with a stubbed fetch.
 * Follows the text/event-stream rules that matter here: `event:`, `data:` (joined by newlines), `id:`, comments, CRLF.
 */
import { ApiError, getFetch } from './http.ts';

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * Make a push parser: feed it chunks as they arrive (split anywhere), it calls `onMessage` per complete event.
 * @example const push = createSseParser((m) => console.log(m)); push('event: done\ndata: {}\n\n');
 */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const dispatch = () => {
    if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
    event = '';
    data = [];
  };
  return (chunk: string) => {
    buffer += chunk;
    // A CR at the very end may be half of a CRLF: keep it until the next chunk.
    let nl: number;
    while ((nl = buffer.search(/\r\n|\n|\r(?=[^\n])/)) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        dispatch();
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  };
}

/**
 * Read an event stream until the server closes it or `signal` aborts. Resolves when the stream ends.
 * @throws ApiError when the server answers with an error instead of a stream.
 */
export async function readSse(url: string, onMessage: (message: SseMessage) => void, signal?: AbortSignal): Promise<void> {
  const res = await getFetch()(url, { headers: { accept: 'text/event-stream' }, signal });
  if (!res.ok || !res.body) {
    let code = `HTTP_${res.status}`;
    let message = `${res.status} ${res.statusText}`.trim();
    try {
      const body = (await res.json()) as { error?: { code: string; message: string } };
      if (body.error) ({ code, message } = body.error);
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, code, message, null);
  }
  const push = createSseParser(onMessage);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      push(value);
    }
    push('\n\n');
  } finally {
    reader.releaseLock();
  }
}
