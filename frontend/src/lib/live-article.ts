/**
 * Keeps an article's live event stream open while the editor shows it: reconnects after a drop (2 s, 4 s, ... up to
 * 30 s) and, after a reconnect, asks for a reload, since changes made while disconnected were not heard. No Lit.
 */
import { watchArticle, type Segment } from '../api/articles.ts';

export interface LiveArticleOptions {
  onSegment: (s: Segment) => void;
  /** Called when the stream is back after a drop (reload to catch up). */
  onReconnect: () => void;
  /** Called each time the server has subscribed this reader. */
  onReady?: () => void;
  /** Called when the stream ends or fails (a reconnect follows). */
  onDrop?: () => void;
  watch?: typeof watchArticle;
}

/** Open the stream now; `stop()` closes it for good. */
export function followArticle(articleId: string, opts: LiveArticleOptions): { stop: () => void } {
  const abort = new AbortController();
  const watch = opts.watch ?? watchArticle;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = (): void => {
    let ready = false;
    watch(articleId, {
      onSegment: opts.onSegment,
      onReady: () => {
        ready = true;
        if (failures > 0) opts.onReconnect();
        failures = 0;
        opts.onReady?.();
      },
    }, abort.signal).catch(() => undefined).finally(() => {
      if (abort.signal.aborted) return;
      opts.onDrop?.();
      if (!ready) failures++;
      else failures = 1; // it was up and dropped: catch up once it is back
      timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** failures));
    });
  };
  open();
  return {
    stop: () => {
      abort.abort();
      clearTimeout(timer);
    },
  };
}
