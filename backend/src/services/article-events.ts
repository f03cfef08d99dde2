/**
 * Live segment changes per article, for every open editor of it (`GET /api/articles/:id/events`). Whoever changes a
 * segment (an editor's save, a job's result in any worker process, an XLIFF import) calls `segmentChanged`, which
 * goes out on the store's event bus; each process's subscribers get the whole segment DTO, so a browser updates that
 * one row instead of reloading the article.
 */
import type { Segment } from '../schemas/article.ts';
import type { Store } from '../storage/index.ts';
import type { Kysely } from 'kysely';
import type { Database, SegmentRow } from '../storage/types.ts';
import { KeyedListeners } from '../storage/keyed-listeners.ts';
import { toSegment } from './article-dto.ts';

export type ArticleEvent = { type: 'segment'; segment: Segment };
type Listener = (event: ArticleEvent) => void;

const TOPIC = 'article-segment';

/** One hub per store, so two apps in one process (tests) never hear each other. */
const hubs = new WeakMap<object, KeyedListeners<ArticleEvent>>();

function hub(store: Store): KeyedListeners<ArticleEvent> {
  let h = hubs.get(store);
  if (!h) {
    const created = new KeyedListeners<ArticleEvent>();
    hubs.set(store, (h = created));
    store.bus.subscribe(TOPIC, (p) => deliver(store, created, String(p.articleId), String(p.segmentId)));
  }
  return h;
}

/** Listen to an article's segment changes; returns the function that stops listening. */
export function subscribeArticle(store: Store, articleId: string, listener: Listener): () => void {
  return hub(store).add(articleId, listener);
}

/**
 * Tell the article's subscribers, in every process sharing the store, that a segment changed (when `tx` commits, if
 * the change is part of one).
 */
export async function segmentChanged(store: Store, row: Pick<SegmentRow, 'id' | 'article_id'>, tx?: Kysely<Database>): Promise<void> {
  await store.bus.publish(TOPIC, { articleId: row.article_id, segmentId: row.id }, tx);
}

/**
 * Give this process's subscribers of the article the segment as `GET /api/articles/:id` would show it (read back with
 * its model run). Reads nothing when nobody here listens.
 */
async function deliver(store: Store, h: KeyedListeners<ArticleEvent>, articleId: string, segmentId: string): Promise<void> {
  if (!h.has(articleId)) return;
  const current = await store.segments.get(segmentId);
  if (!current) return;
  const run = current.mt_run_id ? await store.runs.get(current.mt_run_id) : undefined;
  await h.emit(articleId, { type: 'segment', segment: toSegment(current, run) });
}

/** An article's events as an async iterable until `signal` aborts (the client went away). */
export async function* followArticle(store: Store, articleId: string, signal: AbortSignal): AsyncGenerator<ArticleEvent> {
  const queue: ArticleEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = subscribeArticle(store, articleId, (e) => { queue.push(e); wake?.(); });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  try {
    while (!signal.aborted) {
      while (queue.length) yield queue.shift()!;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (signal.aborted || queue.length) resolve(); // an abort or event between the checks and here
      });
      wake = undefined;
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}
