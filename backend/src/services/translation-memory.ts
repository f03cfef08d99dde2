/**
 * The translation memory: every approved segment is kept (NFC source -> English, who, when) and looked up exactly or
 * by character-level similarity on the normalised source (`matchKey`), so "hòa"/"hoà" and spacing do not lower a score.
 */
import { distance } from 'fastest-levenshtein';
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { buildTmx, parseTmx, type TmxProp } from '../interchange/tmx.ts';
import type { ImportResult, TmMatch } from '../schemas/terminology.ts';
import { translationMemoryRepository } from '../storage/kysely/terms-repository.ts';
import type { TmUnitRow, TranslationMemoryRepository } from '../storage/terminology-types.ts';
import { runQa } from '../qa/index.ts';
import { matchKey } from '../text/normalise.ts';
import { extractQuantities } from '../text/numbers.ts';
import { pairedSentenceSpans, sentenceSpans } from '../text/sentences.ts';
import { newId } from './ids.ts';

export const DEFAULT_TM_THRESHOLD = 0.75;
/** A fuzzy match whose figures differ never scores above this: it must be read, not used as is. */
export const CHANGED_NUMBER_CAP = 0.9;
/** And each figure that differs takes this off the score as well. */
export const CHANGED_NUMBER_PENALTY = 0.05;
/** QA outcomes that let a unit be sent to the model as an example. */
export const EXAMPLE_QA: ReadonlySet<string> = new Set(['passed', 'override']);

export interface ApprovedSegment {
  source: string;
  translation: string;
  editor?: string | null;
  articleId?: string | null;
  segmentId?: string | null;
  /** ISO time of the approval; now by default. */
  at?: string;
  /** QA outcome of the approval; checked here (numbers, untranslated words, omissions) when not given. */
  qaStatus?: 'passed' | 'override' | 'failed';
  /** The reason an approval overrode QA errors. */
  qaOverride?: string | null;
}

export interface TranslationMemoryService {
  /** Store an approved segment; the same pair again only refreshes who and when. */
  recordApproved(segment: ApprovedSegment): Promise<void>;
  /**
   * Matches at or above `threshold` (0..1), best first; exact matches score 1. A text of several sentences also gets
   * sentence matches (stored sentence pairs of approved paragraphs) for each of its sentences, after the whole ones.
   */
  lookup(source: string, options?: { threshold?: number; limit?: number; sentences?: boolean }): Promise<TmMatch[]>;
  /** Count these units as sent to the model as examples. */
  markSentAsExamples(ids: readonly string[]): Promise<void>;
  /** The newest English of an exact match, or null: fits the translation runtime's `memory` hook as is. */
  exact(source: string): Promise<string | null>;
  /** Add the vi/en pairs of a TMX file; a pair already stored merges its provenance (see the repository's upsert). */
  importTmx(input: string | Uint8Array): Promise<ImportResult>;
  exportTmx(): Promise<string>;
}

/** Similarity of two keys: 1 - edit distance / longer length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/**
 * Figures that differ between a memory source and the queried source, paired in order: "2 tỉnh" against "3 tỉnh"
 * is [{ memory: '2', current: '3' }]. Compared as written (raw), dates and codes included.
 * @example numberChanges('Ký với 2 tỉnh', 'Ký với 3 tỉnh') // [{ memory: '2', current: '3' }]
 */
export function numberChanges(memorySource: string, currentSource: string): { memory: string | null; current: string | null }[] {
  return figureChanges(figuresOf(memorySource), figuresOf(currentSource));
}

/** The figures `numberChanges` compares, as written: read once per text when one text is compared with many. */
export function figuresOf(text: string): string[] {
  return extractQuantities(text, 'vi').filter((q) => q.kind !== 'number' || !q.soft).map((q) => q.raw);
}

/** `numberChanges` of figures already read with `figuresOf`. */
export function figureChanges(mem: readonly string[], cur: readonly string[]): { memory: string | null; current: string | null }[] {
  const onlyMem = [...mem];
  const onlyCur: string[] = [];
  for (const c of cur) {
    const at = onlyMem.indexOf(c);
    if (at >= 0) onlyMem.splice(at, 1);
    else onlyCur.push(c);
  }
  return Array.from({ length: Math.max(onlyMem.length, onlyCur.length) }, (_, i) => ({ memory: onlyMem[i] ?? null, current: onlyCur[i] ?? null }));
}

/** The score after figures that differ: never above CHANGED_NUMBER_CAP, less for each. */
export function penalisedScore(score: number, changes: number): number {
  return changes === 0 ? score : Math.max(0, Math.min(score, CHANGED_NUMBER_CAP) - CHANGED_NUMBER_PENALTY * (changes - 1));
}

const toMatch = (u: TmUnitRow, score: number, extra: Partial<TmMatch> = {}): TmMatch => ({
  id: u.id, source: u.source, target: u.target, score: Math.round(score * 1000) / 1000, exact: score === 1,
  createdBy: u.created_by, changedBy: u.changed_by, updatedAt: u.updated_at, kind: u.unit_kind === 'sentence' ? 'sentence' : 'paragraph', qaStatus: u.qa_status, ...extra,
});

/** Sentence pairs of an approved paragraph, when its source and English have the same number of sentences (two or more). */
export function sentencePairs(source: string, translation: string): { source: string; target: string }[] {
  return pairedSentenceSpans(source, translation).map(([s, t]) => ({ source: source.slice(s.start, s.end), target: translation.slice(t.start, t.end) }));
}

/** The service over a repository; `threshold` is the default for lookups. */
export function translationMemoryService(repo: TranslationMemoryRepository, threshold = DEFAULT_TM_THRESHOLD): TranslationMemoryService {
  type Put = { source: string; target: string; by?: string | null; at?: string; changedBy?: string | null; updatedAt?: string; props?: TmxProp[]; notes?: string[]; articleId?: string | null; segmentId?: string | null; origin: string; qaStatus?: string; qaOverride?: string | null; kind?: 'paragraph' | 'sentence'; parentId?: string | null };
  /** Store a pair; null when a side is empty. */
  const put = async (u: Put): Promise<{ row: TmUnitRow; fresh: boolean } | null> => {
    const source = u.source.normalize('NFC').trim();
    const target = u.target.normalize('NFC').trim();
    if (!source || !target) return null;
    const at = u.at ?? u.updatedAt ?? new Date().toISOString();
    // Checked without the termbase: a unit must at least keep its figures and be English to teach the model.
    const qaStatus = u.qaStatus ?? (runQa({ source, translation: target }).some((i) => i.severity === 'error') ? 'failed' : 'passed');
    const id = newId('tm');
    const row = await repo.upsert({
      id, source, source_key: matchKey(source), target, created_by: u.by ?? null, created_at: at, updated_at: u.updatedAt ?? at, changed_by: u.changedBy ?? null,
      article_id: u.articleId ?? null, segment_id: u.segmentId ?? null, origin: u.origin, props_json: JSON.stringify(u.props ?? []), notes_json: JSON.stringify(u.notes ?? []),
      qa_status: qaStatus, qa_override: u.qaOverride ?? null, unit_kind: u.kind ?? 'paragraph', parent_id: u.parentId ?? null,
    });
    // fresh: a new unit; otherwise the pair was stored already and its provenance merged.
    return { row, fresh: row.id === id };
  };
  const fuzzy = async (key: string, min: number, limit: number, text: string, kind?: 'sentence') => {
    // Only keys whose length is within the threshold can reach it, so the rest is never read.
    const candidates = await repo.byKeyLength(Math.floor(key.length * min), Math.ceil(key.length / min));
    return candidates
      .filter((u) => !kind || u.unit_kind === kind)
      .map((u) => ({ u, raw: u.source_key === key ? 1 : similarity(key, u.source_key) }))
      // The figures are compared only for candidates that can still reach the threshold: a penalty only lowers.
      .filter((m) => m.raw >= min)
      .map(({ u, raw }) => {
        const changes = raw === 1 ? [] : numberChanges(u.source, text);
        return { u, score: penalisedScore(raw, changes.length), changes };
      })
      .filter((m) => m.score >= min)
      .sort((a, b) => b.score - a.score || b.u.updated_at.localeCompare(a.u.updated_at))
      .slice(0, limit);
  };
  return {
    async recordApproved(s) {
      if (!s.translation.trim()) throw new Errors.MalformedInput('An approved segment needs a translation to go into the memory');
      const base = { by: s.editor, changedBy: s.editor, at: s.at, articleId: s.articleId, segmentId: s.segmentId, origin: 'approved', qaStatus: s.qaStatus, qaOverride: s.qaOverride };
      const stored = await put({ ...base, source: s.source, target: s.translation });
      if (!stored) return;
      const unit = stored.row;
      for (const p of sentencePairs(unit.source, unit.target)) await put({ ...base, ...p, qaStatus: undefined, qaOverride: null, kind: 'sentence', parentId: unit.id });
    },
    async lookup(source, options = {}) {
      const min = options.threshold ?? threshold;
      const limit = options.limit ?? 5;
      const key = matchKey(source);
      if (!key) return [];
      const whole = (await fuzzy(key, min, limit, source)).map((m) => toMatch(m.u, m.score, m.changes.length ? { numberChanges: m.changes } : {}));
      if (options.sentences === false) return whole;
      const spans = sentenceSpans(source);
      if (spans.length < 2) return whole;
      const seen = new Set(whole.map((m) => m.id));
      const bySentence: TmMatch[] = [];
      for (const [index, span] of spans.entries()) {
        const text = source.slice(span.start, span.end);
        const sk = matchKey(text);
        if (!sk) continue;
        const best = (await fuzzy(sk, min, 1, text, 'sentence')).find((m) => !seen.has(m.u.id));
        if (!best) continue;
        seen.add(best.u.id);
        bySentence.push(toMatch(best.u, best.score, { sentence: { index, start: span.start, end: span.end }, ...(best.changes.length ? { numberChanges: best.changes } : {}) }));
      }
      return [...whole, ...bySentence];
    },
    async markSentAsExamples(ids) {
      await repo.markExamples(ids, new Date().toISOString());
    },
    async exact(source) {
      const key = matchKey(source);
      return key ? ((await repo.byKey(key))[0]?.target ?? null) : null;
    },
    async importTmx(input) {
      const { units, skipped } = parseTmx(input);
      if (units.length === 0) {
        const why = skipped.slice(0, 3).map((k) => `unit ${k.index}: ${k.reason}`).join('; ');
        throw new Errors.MalformedInput(`No vi/en translation unit found in the TMX file${why ? ` (${why})` : ''}`);
      }
      let imported = 0;
      let merged = 0;
      for (const u of units) {
        // A unit without dates says nothing about when it was made or changed: a stored twin keeps its own.
        const twin = u.createdAt || u.updatedAt ? undefined : (await repo.byKey(matchKey(u.source))).find((r) => r.target === u.target.normalize('NFC').trim());
        const createdAt = u.createdAt ?? twin?.created_at;
        const updatedAt = u.updatedAt ?? twin?.updated_at;
        const stored = await put({ source: u.source, target: u.target, by: u.createdBy, at: createdAt, changedBy: u.changedBy, updatedAt, articleId: u.articleId, segmentId: u.segmentId, origin: 'import', props: u.props, notes: u.notes });
        imported++;
        if (stored && !stored.fresh) merged++;
      }
      return { format: 'tmx', imported, merged, skipped: skipped.length, skippedItems: skipped };
    },
    async exportTmx() {
      // Sentence pairs live inside their paragraph: exported once, as the paragraph.
      const units = (await repo.all()).filter((u) => u.unit_kind !== 'sentence');
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
  if (!svc) byStore.set(deps.store, (svc = translationMemoryService(translationMemoryRepository(deps.store.db), configuredThreshold(deps))));
  return svc;
}

/** The lookup threshold: WORKBENCH_TM_THRESHOLD when it is in 0.5..1, else DEFAULT_TM_THRESHOLD. */
export function configuredThreshold(deps: Pick<Deps, 'config'>): number {
  const configured = Number((deps.config as { WORKBENCH_TM_THRESHOLD?: number }).WORKBENCH_TM_THRESHOLD);
  return Number.isFinite(configured) && configured >= 0.5 && configured <= 1 ? configured : DEFAULT_TM_THRESHOLD;
}
