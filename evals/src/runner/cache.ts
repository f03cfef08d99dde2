/**
 * The run cache: one append-only JSONL file under the output folder, keyed on the prompt's content hash, the model,
 * its parameters, the input and the repeat index. Re-running an unchanged configuration reads every answer from it
 * and makes no model call; editing a prompt file changes its hash and misses on purpose.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Fingerprint, TranslateInput, TranslateResult } from './types.ts';

export interface CacheEntry {
  key: string;
  text: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
}

/** The cache key of one call. */
export function cacheKey(fp: Fingerprint, input: TranslateInput, repeat: number): string {
  const material = JSON.stringify([fp.promptHash, fp.model, fp.params, input.vi, input.previous ?? null, input.title ?? null, repeat]);
  return createHash('sha256').update(material).digest('hex');
}

export class RunCache {
  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  /** Open (or start) the cache file; unreadable lines are skipped, as a crash may leave a partial last line. */
  static async open(file: string): Promise<RunCache> {
    const entries = new Map<string, CacheEntry>();
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as CacheEntry;
        if (typeof e.key === 'string' && typeof e.text === 'string') entries.set(e.key, e);
      } catch {
        // a torn last line from an interrupted run
      }
    }
    await mkdir(path.dirname(file), { recursive: true });
    return new RunCache(file, entries);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): TranslateResult | undefined {
    const e = this.entries.get(key);
    return e && { text: e.text, tokensIn: e.tokensIn, tokensOut: e.tokensOut, latencyMs: e.latencyMs, cached: true };
  }

  /** Store a successful answer; failures are never cached so a re-run retries them. */
  async set(key: string, r: TranslateResult): Promise<void> {
    const entry: CacheEntry = { key, text: r.text, tokensIn: r.tokensIn, tokensOut: r.tokensOut, latencyMs: r.latencyMs };
    this.entries.set(key, entry);
    await appendFile(this.file, JSON.stringify(entry) + '\n');
  }
}
