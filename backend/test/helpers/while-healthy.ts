/**
 * The health probe of the tests against a listening server (helpers/server-process.ts): send requests and, while
 * they run, keep asking /api/health, to show that no document or file holds the server's event loop.
 */
import { expect } from 'vitest';

/** Health must answer within this while a document is read: the event loop is never held for long. */
export const HEALTH_MAX_MS = 200;
/**
 * The slowest health answer allowed. Eight people share this 2-core machine (load averages of 15 are common), so a
 * single answer can wait for a CPU for a few hundred milliseconds whatever the server does; a server held by a
 * document (as before: 26 s for 600 KB of JSON, minutes for 5 MB) misses this by far.
 */
export const HEALTH_WORST_MS = 1_000;

/** Health answers kept coming while the document was read: most within HEALTH_MAX_MS, none near a stall. */
export function expectResponsive(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  expect(sorted.length).toBeGreaterThanOrEqual(1);
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(HEALTH_MAX_MS);
  expect(sorted.at(-1)).toBeLessThan(HEALTH_WORST_MS);
}

/** A multipart body with the file in the field "file". */
export function upload(name: string, data: Buffer | string): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name);
  return form;
}

/**
 * Send `requests` and, until they are all answered, ask /api/health every 20 ms (at most 2,000 times); returns the
 * answers and how long each health answer took.
 */
export async function whileHealthy<B = { error?: { code: string; message: string }; id?: string }>(base: string, requests: Array<() => Promise<Response>>) {
  let done = false;
  const health: number[] = [];
  const probe = (async () => {
    while (!done && health.length < 2_000) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    // Bodies are read as bytes and parsed after: parsing megabytes of JSON here would delay the health answers.
    const raw = await Promise.all(requests.map(async (send) => {
      const res = await send();
      return { status: res.status, bytes: await res.arrayBuffer() };
    }));
    const answers = raw.map(({ status, bytes }) => ({ status, body: JSON.parse(Buffer.from(bytes).toString('utf8')) as B }));
    return { answers, health };
  } finally {
    done = true;
    await probe;
  }
}

/** A POST of `body` to `url`, to pass to whileHealthy. */
export const post = (base: string, url: string, body: FormData | string, type?: string) => () =>
  fetch(`${base}${url}`, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
