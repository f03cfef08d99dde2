/** Listeners by key (a bus topic, a job, an article): the one registry the event bus, job runners and article hub use. */
export class KeyedListeners<E> {
  private readonly byKey = new Map<string, Set<(event: E) => unknown>>();

  /** Add a listener; returns the function that removes it. */
  add(key: string, listener: (event: E) => unknown): () => void {
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byKey.get(key) === set) this.byKey.delete(key);
    };
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Call every listener of `key` (each is called before this returns its promise) and wait for them; one that throws
   * does not stop the others, and `onError` hears of it.
   */
  async emit(key: string, event: E, onError: (err: unknown) => void = () => {}): Promise<void> {
    await Promise.all([...(this.byKey.get(key) ?? [])].map(async (l) => {
      try {
        await l(event);
      } catch (err) {
        onError(err);
      }
    }));
  }
}
