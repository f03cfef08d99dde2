/**
 * A fetch that asks a ProviderBudget before every HTTP request to the model provider, so every attempt the openai
 * client makes (LangChain's retries included) counts against the shared limits.
 */
import { abortError } from './budget-queue.ts';
import type { ProviderBudget } from './provider-budget.ts';

/** Back-off after a 429 that names none: 1 s, doubling with each 429 in a row, up to this. */
export const MAX_GUESSED_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is not obeyed in full: an hour-long header must not stall every process. */
export const MAX_HEADER_BACKOFF_MS = 60_000;

/**
 * The wait a 429 asks for, in ms: `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date.
 * Undefined when neither header says anything usable.
 * @example retryAfterMs(new Headers({ 'retry-after': '2' })) // 2000
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const exact = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(exact) && exact >= 0) return exact;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The back-off for the n-th 429 in a row (n >= 1) when the provider named none. */
export function guessedBackoffMs(n: number): number {
  return Math.min(MAX_GUESSED_BACKOFF_MS, 1000 * 2 ** Math.max(0, n - 1));
}

type Fetch = typeof fetch;

/** 429s in a row per budget in this process, whichever model wrapper saw them: a model is often built per job. */
const rateLimitedInARow = new WeakMap<ProviderBudget, number>();

/**
 * Wrap `fetchImpl` so each request holds a budget slot from before it is sent until its response body has been read
 * to the end, cancelled or has failed (or the request failed). A 429 starts a back-off for every holder of the budget:
 * the delay its headers ask for, else 1 s doubling with each 429 in a row. The caller must read or cancel each body,
 * as the openai client does; until then the slot stays taken.
 * @example new OpenAI({ fetch: budgetedFetch(budget) })
 */
export function budgetedFetch(budget: ProviderBudget, fetchImpl: Fetch = fetch): Fetch {
  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    const acquired = await budget.acquire(signal);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      signal?.removeEventListener('abort', release);
      acquired();
    };
    // A request aborted while its body is unread (a timeout) gives its slot back as well.
    signal?.addEventListener('abort', release, { once: true });
    let res: Response;
    try {
      if (signal?.aborted) throw abortError(signal);
      res = await fetchImpl(input, init);
    } catch (err) {
      release();
      throw err;
    }
    if (res.status === 429) {
      const inARow = (rateLimitedInARow.get(budget) ?? 0) + 1;
      rateLimitedInARow.set(budget, inARow);
      const asked = retryAfterMs(res.headers);
      const delay = asked === undefined ? guessedBackoffMs(inARow) : Math.min(asked, MAX_HEADER_BACKOFF_MS);
      try {
        await budget.slowDown(delay);
      } catch {
        // The back-off could not be shared (database unreachable); the caller's own retry backoff still applies.
      }
    } else {
      rateLimitedInARow.delete(budget);
    }
    if (!res.body) {
      release();
      return res;
    }
    return withBodyRelease(res, res.body, release);
  };
}

/** The same response, its body passed through so that `release` runs when the body ends, fails or is cancelled. */
function withBodyRelease(res: Response, body: ReadableStream<Uint8Array>, release: () => void): Response {
  const reader = body.getReader();
  const tracked = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (err) {
        release();
        controller.error(err);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  const wrapped = new Response(tracked, { status: res.status, statusText: res.statusText, headers: res.headers });
  // new Response() cannot set these; the openai client reports `url` in errors.
  Object.defineProperty(wrapped, 'url', { value: res.url });
  Object.defineProperty(wrapped, 'redirected', { value: res.redirected });
  return wrapped;
}
