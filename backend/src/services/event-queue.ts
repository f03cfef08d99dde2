/**
 * One subscriber's queue of live events: events pushed while the subscriber is busy wait in order, and `drain`
 * yields them as they come until the last one or until `signal` aborts (the client went away).
 */
export interface EventQueue<E> {
  push(event: E): void;
  /** True when a queued event matches. */
  some(pred: (event: E) => boolean): boolean;
  /** Yield queued and later events, ending after the first for which `isLast` is true, or on abort. */
  drain(isLast: (event: E) => boolean): AsyncGenerator<E>;
  /** Stop listening to the signal. */
  close(): void;
}

export function eventQueue<E>(signal: AbortSignal): EventQueue<E> {
  const queue: E[] = [];
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);
  return {
    push(event) {
      queue.push(event);
      wake?.();
    },
    some: (pred) => queue.some(pred),
    async *drain(isLast) {
      while (!signal.aborted) {
        while (queue.length) {
          const e = queue.shift()!;
          yield e;
          if (isLast(e)) return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
    close: () => signal.removeEventListener('abort', onAbort),
  };
}
