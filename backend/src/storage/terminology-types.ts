/**
 * Tables of the termbase and translation memory (migration 0002), added to the shared Database type, and the
 * repository interfaces the terminology and translation-memory services depend on.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface TermsTable {
  id: string;
  vi: string;
  vi_key: string;
  en: string;
  abbr: string | null;
  note: string | null;
  forbidden_json: string;
  case_sensitive: number;
  valid_from: string | null;
  valid_to: string | null;
  domain: string | null;
  created_at: string;
  updated_at: string;
}

export interface TmUnitsTable {
  id: string;
  source: string;
  source_key: string;
  target: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  article_id: string | null;
  segment_id: string | null;
  /** 'approved' (from the editor) or 'import' (from a TMX file). */
  origin: string;
  /** Who changed the unit last (TMX changeid); migration 0005. */
  changed_by: string | null;
  /** TMX `<prop>`s as [{type, value}] and `<note>`s as [string]; migration 0005. */
  props_json: Generated<string>;
  notes_json: Generated<string>;
}

declare module './types.ts' {
  interface Database {
    terms: TermsTable;
    tm_units: TmUnitsTable;
  }
}

export type TermRow = Selectable<TermsTable>;
export type NewTermRow = Insertable<TermsTable>;
export type TermUpdate = Updateable<TermsTable>;
export type TmUnitRow = Selectable<TmUnitsTable>;
export type NewTmUnitRow = Insertable<TmUnitsTable>;

export interface TermsRepository {
  list(): Promise<TermRow[]>;
  get(id: string): Promise<TermRow | undefined>;
  count(): Promise<number>;
  /** Insert, or replace the row with the same id (an import of an exported file updates in place). */
  upsert(rows: NewTermRow[]): Promise<void>;
  update(id: string, patch: TermUpdate): Promise<TermRow | undefined>;
  delete(id: string): Promise<boolean>;
}

export interface TranslationMemoryRepository {
  /**
   * Store a pair. The same source and target again merges provenance: the earliest creation (who and when) and the
   * latest change (who and when) are kept, a link to an article and segment is never dropped, and props and notes are
   * replaced only by non-empty ones.
   */
  upsert(unit: NewTmUnitRow): Promise<TmUnitRow>;
  byKey(sourceKey: string): Promise<TmUnitRow[]>;
  /** Units whose key length is within [min, max]: the only ones that can reach a similarity threshold. */
  byKeyLength(min: number, max: number): Promise<TmUnitRow[]>;
  all(): Promise<TmUnitRow[]>;
  count(): Promise<number>;
  /** Add one to the example count of these units and set when they were last sent. */
  markExamples(ids: readonly string[], at: string): Promise<void>;
  get(id: string): Promise<TmUnitRow | undefined>;
  /** Units matching the filter, newest first (the text search is done by the caller, without diacritics). */
  filter(filter: TmUnitFilter): Promise<TmUnitRow[]>;
  update(id: string, patch: { target: string; updated_at: string; created_by?: string | null; qa_status?: string; qa_override?: string | null }): Promise<TmUnitRow | undefined>;
  /** Delete a unit and the sentence pairs stored under it. */
  delete(id: string): Promise<boolean>;
}

/** What the memory page filters on besides text; dates are ISO (inclusive, `to` up to the end of that day). */
export interface TmUnitFilter {
  articleId?: string;
  author?: string;
  from?: string;
  to?: string;
  kind?: 'paragraph' | 'sentence';
  sentAsExample?: boolean;
}
