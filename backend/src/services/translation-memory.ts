/**
 * The translation memory: every approved segment is kept (NFC source -> English, who, when) and looked up exactly or
 * by character-level similarity on the normalised source (`matchKey`), so "hòa"/"hoà" and spacing do not lower a score.
 */
import { distance } from 'fastest-levenshtein';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { readInThisThread, type InterchangeReader } from '../interchange/read.ts';
import { buildTmx, type TmxProp } from '../interchange/tmx.ts';
import type { ImportResult, TmMatch } from '../schemas/terminology.ts';
import { inSlices } from '../storage/batches.ts';
import { translationMemoryRepository } from '../storage/kysely/terms-repository.ts';
import type { TmUnitRow, TranslationMemoryRepository } from '../storage/terminology-types.ts';
import { matchKey } from '../text/normalise.ts';
import { newId } from './ids.ts';

export const DEFAULT_TM_THRESHOLD = 0.75;

export interface ApprovedSegment {
  source: string;
  translation: string;
  editor?: string | null;
  articleId?: string | null;
  segmentId?: string | null;
  /** ISO time of the approval; now by default. */
  at?: string;
}

export interface TranslationMemoryService {
  /** Store an approved segment; the same pair again only refreshes who and when. */
  recordApproved(segment: ApprovedSegment): Promise<void>;
  /** Matches at or above `threshold` (0..1), best first; exact matches score 1. */
  lookup(source: string, options?: { threshold?: number; limit?: number }): Promise<TmMatch[]>;
  /** The newest English of an exact match, or null: fits the translation runtime's `memory` hook as is. */
  exact(source: string): Promise<string | null>;
  /**
   * Add the vi/en pairs of a TMX file; a pair already stored merges its provenance (see the repository's upsert).
   * The file is read by `read` (the routes pass the intake pool's worker threads) and written a slice of units per
   * transaction, so a file of tens of thousands of units never holds the event loop for long.
   */
  importTmx(input: string | Uint8Array, options?: { read?: InterchangeReader }): Promise<ImportResult>;
  exportTmx(): Promise<string>;
}

/** Similarity of two keys: 1 - edit distance / longer length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

const toMatch = (u: TmUnitRow, score: number): TmMatch => ({
  id: u.id, source: u.source, target: u.target, score: Math.round(score * 1000) / 1000, exact: score === 1,
  createdBy: u.created_by, changedBy: u.changed_by, updatedAt: u.updated_at,
});

/** The service over a repository; `threshold` is the default for lookups. */
export function translationMemoryService(repo: TranslationMemoryRepository, threshold = DEFAULT_TM_THRESHOLD): TranslationMemoryService {
  /** Store a pair; true when it was new, false when it merged into a stored one, null when a side is empty. */
  const put = async (repo: TranslationMemoryRepository, u: { source: string; target: string; by?: string | null; at?: string; changedBy?: string | null; updatedAt?: string; articleId?: string | null; segmentId?: string | null; origin: string; props?: TmxProp[]; notes?: string[] }) => {
    const source = u.source.normalize('NFC').trim();
    const target = u.target.normalize('NFC').trim();
    if (!source || !target) return null;
    const at = u.at ?? u.updatedAt ?? new Date().toISOString();
    const id = newId('tm');
    const row = await repo.upsert({
      id, source, source_key: matchKey(source), target, created_by: u.by ?? null, created_at: at, updated_at: u.updatedAt ?? at, changed_by: u.changedBy ?? null,
      article_id: u.articleId ?? null, segment_id: u.segmentId ?? null, origin: u.origin, props_json: JSON.stringify(u.props ?? []), notes_json: JSON.stringify(u.notes ?? []),
    });
    return row.id === id;
  };
  return {
    async recordApproved(s) {
      if (!s.translation.trim()) throw new Errors.MalformedInput('An approved segment needs a translation to go into the memory');
      await put(repo, { source: s.source, target: s.translation, by: s.editor, changedBy: s.editor, at: s.at, articleId: s.articleId, segmentId: s.segmentId, origin: 'approved' });
    },
    async lookup(source, options = {}) {
      const min = options.threshold ?? threshold;
      const limit = options.limit ?? 5;
      const key = matchKey(source);
      if (!key) return [];
      // Only keys whose length is within the threshold can reach it, so the rest is never read.
      const lo = Math.floor(key.length * min);
      const hi = Math.ceil(key.length / min);
      const candidates = await repo.byKeyLength(lo, hi);
      return candidates
        .map((u) => ({ u, score: u.source_key === key ? 1 : similarity(key, u.source_key) }))
        .filter((m) => m.score >= min)
        .sort((a, b) => b.score - a.score || b.u.updated_at.localeCompare(a.u.updated_at))
        .slice(0, limit)
        .map((m) => toMatch(m.u, m.score));
    },
    async exact(source) {
      const key = matchKey(source);
      return key ? ((await repo.byKey(key))[0]?.target ?? null) : null;
    },
    async importTmx(input, options = {}) {
      const { units, skipped } = await (options.read ?? readInThisThread)('tmx', input);
      if (units.length === 0) {
        const why = skipped.slice(0, 3).map((k) => `unit ${k.index}: ${k.reason}`).join('; ');
        throw new Errors.MalformedInput(`No vi/en translation unit found in the TMX file${why ? ` (${why})` : ''}`);
      }
      let imported = 0;
      let merged = 0;
      // In file order, a slice per transaction: a unit sees the units stored before it, as when written one by one.
      await inSlices(units.length, (from, more) => repo.batch(async (tx) => {
        let i = from;
        do {
          const u = units[i++]!;
          // A unit without dates says nothing about when it was made or changed: a stored twin keeps its own.
          const twin = u.createdAt || u.updatedAt ? undefined : (await tx.byKey(matchKey(u.source))).find((r) => r.target === u.target.normalize('NFC').trim());
          const createdAt = u.createdAt ?? twin?.created_at;
          const updatedAt = u.updatedAt ?? twin?.updated_at;
          const fresh = await put(tx, { source: u.source, target: u.target, by: u.createdBy, at: createdAt, changedBy: u.changedBy, updatedAt, articleId: u.articleId, segmentId: u.segmentId, origin: 'import', props: u.props, notes: u.notes });
          imported++;
          if (fresh === false) merged++;
        } while (i < units.length && more());
        return i;
      }));
      return { format: 'tmx', imported, merged, skipped: skipped.length, skippedItems: skipped };
    },
    async exportTmx() {
      const units = await repo.all();
      return buildTmx(units.map((u) => ({
        id: u.id, source: u.source, target: u.target, createdBy: u.created_by, createdAt: u.created_at, changedBy: u.changed_by, updatedAt: u.updated_at,
        articleId: u.article_id, segmentId: u.segment_id, props: JSON.parse(u.props_json) as TmxProp[], notes: JSON.parse(u.notes_json) as string[],
      })));
    },
  };
}

const byStore = new WeakMap<object, TranslationMemoryService>();

/** The one memory service of an app, with the configured threshold (WORKBENCH_TM_THRESHOLD, default 0.75). */
export function translationMemoryFor(deps: Pick<Deps, 'store' | 'config'>): TranslationMemoryService {
  let svc = byStore.get(deps.store);
  if (!svc) {
    const configured = Number((deps.config as { WORKBENCH_TM_THRESHOLD?: number }).WORKBENCH_TM_THRESHOLD);
    const t = Number.isFinite(configured) && configured >= 0.5 && configured <= 1 ? configured : DEFAULT_TM_THRESHOLD;
    byStore.set(deps.store, (svc = translationMemoryService(translationMemoryRepository(deps.store.db), t)));
  }
  return svc;
}
