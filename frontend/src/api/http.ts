/**
 * The one place the frontend talks HTTP: JSON in, JSON out, coded errors turned into ApiError.
 * No Lit here; views call the resource modules next to this file.
 */

/** An error answer from the API, keeping the server's code and message so the UI can show them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole parsed body (a 409 carries `current`). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

let fetchImpl: FetchFn = (input, init) => fetch(input, init);

/** Replace the fetch the api layer uses (tests stub it; returns the previous one). */
export function setFetch(fn: FetchFn): FetchFn {
  const previous = fetchImpl;
  fetchImpl = fn;
  return previous;
}

/** The fetch the api layer uses now. */
export function getFetch(): FetchFn {
  return fetchImpl;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Call the API and return the parsed JSON body.
 * @throws ApiError with the server's `{error: {code, message}}`, or ERR_NETWORK when the server cannot be reached.
 * @example const { articles } = await request<{ articles: ArticleSummary[] }>('/api/articles');
 */
export async function request<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  headers.set('accept', 'application/json');
  let res: Response;
  try {
    res = await fetchImpl(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError(0, 'ERR_NETWORK', 'The server cannot be reached. Check that it is running.', null);
  }
  const body = await parseBody(res);
  if (!res.ok) {
    // A session that ended (signed out elsewhere, expired): the app shows the sign-in page.
    if (res.status === 401 && !url.startsWith('/api/auth/')) globalThis.dispatchEvent?.(new Event('wb-auth-required'));
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`.trim(), body);
  }
  return body as T;
}
