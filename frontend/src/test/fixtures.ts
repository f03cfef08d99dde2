import { onTestFinished } from 'vitest';
import { setFetch } from '../api/http.ts';
/** Shared test data: real lines from the Hòa Bình foreign-affairs article, as segments the API would send. */
import type { Segment } from '../../../backend/src/schemas/article.ts';

export const SOURCES = [
  'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.',
  '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.',
  'Đánh giá về 3 năm thực hiện Nghị quyết số 12-NQ/TU, đồng chí Trần Hồng Quang, Giám đốc Sở Ngoại vụ cho biết.',
];

/** A segment with sensible defaults; override what the test is about. */
export function seg(over: Partial<Segment> & { id: string }): Segment {
  const source = over.source ?? SOURCES[0]!;
  return {
    index: 0,
    kind: 'paragraph',
    source,
    sentences: [{ start: 0, end: source.length }],
    machineTranslation: null,
    translation: null,
    status: 'new',
    version: 1,
    origin: null,
    error: null,
    qa: [],
    mtRun: null,
    updatedAt: '2026-11-27T06:00:00.000Z',
    ...over,
  };
}

/** Install `fn` as the api layer's fetch for the running test; the previous one comes back when the test ends. */
export function useFetch(fn: Parameters<typeof setFetch>[0]): void {
  const previous = setFetch(fn);
  onTestFinished(() => {
    setFetch(previous);
  });
}

/** `useFetch` for a `stubFetch` stub; returns the stub so a test can read its calls. */
export function useStub<T extends ReturnType<typeof stubFetch>>(stub: T): T {
  useFetch(stub.fn);
  return stub;
}

/** A fetch stub that answers from a list of [matcher, response] pairs and records every call. */
export function stubFetch(answers: Array<(url: string, init?: RequestInit) => Response | undefined>) {
  const calls: Array<{ url: string; method: string; body: unknown; headers: Headers }> = [];
  const fn = async (url: string, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : (init?.body ?? null);
    calls.push({ url, method: init?.method ?? 'GET', body, headers: new Headers(init?.headers) });
    for (const a of answers) {
      const res = a(url, init);
      if (res) return res;
    }
    return new Response(JSON.stringify({ error: { code: 'ERR_NOT_FOUND', message: `no stub for ${url}` } }), { status: 404 });
  };
  return { fn, calls };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Put an element in the document with some properties set, and wait for its first render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

/** Let pending fetches and re-renders finish. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
}

/** The visible text of each node matching a selector in an element's shadow root, spaces collapsed. */
export const shadowText = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
