/**
 * The memory page: list the translation memory with a diacritic-insensitive search and filters, correct or delete a
 * unit, and see which units were sent to the model as examples.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import type { TmUnit, TmUnitsQuery } from '../schemas/memory.ts';
import { translationMemoryRepository } from '../storage/kysely/terms-repository.ts';
import type { TmUnitRow } from '../storage/terminology-types.ts';
import { runQa } from '../qa/index.ts';

/** Lower case without diacritics, so "huu nghi" finds "hữu nghị" and "Hoa Binh" finds "Hòa Bình". */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ');
}

export function toUnit(u: TmUnitRow): TmUnit {
  return {
    id: u.id, source: u.source, target: u.target, kind: u.unit_kind === 'sentence' ? 'sentence' : 'paragraph', parentId: u.parent_id,
    origin: u.origin, createdBy: u.created_by, createdAt: u.created_at, updatedAt: u.updated_at, articleId: u.article_id, segmentId: u.segment_id,
    qaStatus: u.qa_status, qaOverride: u.qa_override, exampleCount: u.example_count, lastExampleAt: u.last_example_at,
  };
}

const repoOf = (deps: Pick<Deps, 'store'>) => translationMemoryRepository(deps.store.db);

/** A page of memory units matching the query, newest first, with the total that match. */
export async function listMemory(deps: Pick<Deps, 'store'>, q: TmUnitsQuery): Promise<{ units: TmUnit[]; total: number }> {
  const rows = await repoOf(deps).filter({ articleId: q.articleId, author: q.author, from: q.from, to: q.to, kind: q.kind, sentAsExample: q.sentAsExample });
  const needle = q.q ? foldDiacritics(q.q.trim()) : '';
  const hits = needle ? rows.filter((u) => foldDiacritics(u.source).includes(needle) || foldDiacritics(u.target).includes(needle)) : rows;
  return { units: hits.slice(q.offset, q.offset + q.limit).map(toUnit), total: hits.length };
}

/**
 * Correct the English of a unit. It is checked again: a correction that breaks a figure stops being an example.
 * @throws ERR_NOT_FOUND, ERR_CONFLICT when another unit already pairs the same source with this English
 */
export async function updateMemoryUnit(deps: Pick<Deps, 'store'>, id: string, body: { target: string; editor?: string }): Promise<TmUnit> {
  const repo = repoOf(deps);
  const unit = await repo.get(id);
  if (!unit) throw new Errors.NotFound(`Memory unit ${id} does not exist`);
  const target = body.target.normalize('NFC').trim();
  // The memory holds each (source, English) pair once (a unique index): saving a twin would fail in the database.
  const twin = (await repo.byKey(unit.source_key)).find((u) => u.id !== id && u.target === target);
  if (twin) {
    throw new Errors.Conflict(`The memory already pairs this source with that English (unit ${twin.id}, saved by ${twin.created_by ?? 'an import'} on ${twin.updated_at.slice(0, 10)}): delete one of the two units instead`);
  }
  const failed = runQa({ source: unit.source, translation: target }).some((i) => i.severity === 'error');
  const saved = await repo.update(id, { target, updated_at: new Date().toISOString(), created_by: body.editor ?? unit.created_by, qa_status: failed ? 'failed' : 'passed', qa_override: null });
  if (!saved) throw new Errors.NotFound(`Memory unit ${id} does not exist`);
  return toUnit(saved);
}

/** @throws ERR_NOT_FOUND */
export async function deleteMemoryUnit(deps: Pick<Deps, 'store'>, id: string): Promise<void> {
  if (!(await repoOf(deps).delete(id))) throw new Errors.NotFound(`Memory unit ${id} does not exist`);
}
