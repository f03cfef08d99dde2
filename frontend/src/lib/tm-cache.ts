/**
 * Translation-memory matches per segment, fetched when a row is first focused and kept for the editor's lifetime,
 * so moving through 300 rows costs one lookup per visited segment and none for the rest.
 */
import type { TmMatch } from '../api/tm.ts';

export type TmLookup = (source: string) => Promise<TmMatch[]>;

export class TmCache {
  private readonly found = new Map<string, TmMatch[]>();
  private readonly pending = new Map<string, Promise<TmMatch[]>>();

  constructor(private readonly lookup: TmLookup) {}

  /** The matches already fetched for a segment, or undefined when it has not been looked up yet. */
  peek(id: string): TmMatch[] | undefined {
    return this.found.get(id);
  }

  /**
   * The matches for a segment, fetching at most once at a time; a failed lookup is not kept, so the next focus
   * tries again.
   */
  get(id: string, source: string): Promise<TmMatch[]> {
    const done = this.found.get(id);
    if (done) return Promise.resolve(done);
    let p = this.pending.get(id);
    if (!p) {
      p = this.lookup(source)
        .then((m) => (this.found.set(id, m), m))
        .finally(() => this.pending.delete(id));
      this.pending.set(id, p);
    }
    return p;
  }

  /** Forget a segment's matches. */
  forget(id: string): void {
    this.found.delete(id);
  }

  /** Forget every segment's matches: an approval adds to the memory, and another row may repeat that source. */
  clear(): void {
    this.found.clear();
  }
}
