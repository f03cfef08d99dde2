/**
 * XLIFF round trip of an article: export for a CAT tool, and import of the edited file onto the same segments.
 * An import changes only translations and statuses of known segments whose source is unchanged; unknown ids and
 * changed sources are reported and left alone. Imported segments get fresh QA, and approved ones go into the memory.
 */
import type { Deps } from '../deps.ts';
import { Errors } from '../errors.ts';
import { buildXliff, parseXliff, type XliffVersion } from '../interchange/xliff.ts';
import { runQa } from '../qa/index.ts';
import type { XliffImportResult } from '../schemas/terminology.ts';
import type { SegmentUpdate } from '../storage/types.ts';
import { segmentChanged } from './article-events.ts';
import { getArticle } from './articles.ts';
import { terminologyFor } from './terminology.ts';
import { translationMemoryFor } from './translation-memory.ts';

/** The article as an XLIFF document of the given version. */
export async function exportXliff(deps: Pick<Deps, 'store'>, articleId: string, version: XliffVersion): Promise<string> {
  return buildXliff(await getArticle(deps, articleId), version);
}

const same = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Apply an edited XLIFF file to the article's segments.
 * @throws ERR_ARTICLE_NOT_FOUND, ERR_INPUT_MALFORMED (not XLIFF 1.2/2.0).
 */
export async function importXliff(deps: Pick<Deps, 'store' | 'config'>, articleId: string, input: string | Uint8Array, editor = 'xliff-import'): Promise<XliffImportResult> {
  const article = await getArticle(deps, articleId);
  const { version, units } = parseXliff(input);
  if (units.length === 0) throw new Errors.MalformedInput('The XLIFF file has no translation units');
  const byId = new Map(article.segments.map((s) => [s.id, s]));
  const result: XliffImportResult = { version, units: units.length, updated: [], unchanged: 0, unknownIds: [], changedSources: [], conflicts: [], ignored: [] };
  const ignore = (id: string, reason: XliffImportResult['ignored'][number]['reason'], message: string) => result.ignored.push({ id, reason, message });
  const terms = await terminologyFor(deps).index();
  for (const unit of units) {
    // translate-toolkit's po2xliff -t appends a <file> whose units have new ids and name the original in a context.
    const seg = byId.get(unit.id) ?? unit.aliases?.map((a) => byId.get(a)).find(Boolean);
    if (unit.skip) {
      ignore(unit.id, unit.skip.reason, `Unit ${unit.id}: ${unit.skip.message}`);
      continue;
    }
    if (!seg) {
      result.unknownIds.push(unit.id);
      ignore(unit.id, 'unknown-id', `Unit ${unit.id} names no segment of article ${articleId}: was the file exported from another article?`);
      continue;
    }
    if (!same(unit.source, seg.source)) {
      result.changedSources.push(seg.id);
      ignore(unit.id, 'changed-source', `Unit ${unit.id}: its source is not the segment's source any more ("${clip(unit.source)}" vs "${clip(seg.source)}"); sources are never changed by an import`);
      continue;
    }
    const target = unit.target?.normalize('NFC').trim() ?? '';
    const textChanged = target !== '' && target !== (seg.translation ?? '');
    const approve = unit.status === 'approved' && (target !== '' || Boolean(seg.translation)) && seg.status !== 'approved';
    if (!textChanged && !approve) {
      result.unchanged++;
      continue;
    }
    const translation = textChanged ? target : seg.translation!;
    const status = unit.status === 'approved' ? ('approved' as const) : ('edited' as const);
    const patch: SegmentUpdate = { status, qa_json: JSON.stringify(runQa({ source: seg.source, translation, terms })) };
    if (textChanged) Object.assign(patch, { translation, origin: 'import' });
    const updated = await deps.store.segments.updateIfVersion(seg.id, seg.version, patch, editor);
    if (!updated) {
      result.conflicts.push(seg.id);
      ignore(unit.id, 'conflict', `Segment ${seg.id} changed while the file was read; import the file again`);
      continue;
    }
    // A later unit for the same segment (po2xliff -t repeats it) applies on top of this one.
    byId.set(seg.id, { ...seg, version: updated.version, translation, status });
    result.updated.push(seg.id);
    await segmentChanged(deps.store, updated);
    if (patch.status === 'approved') {
      await translationMemoryFor(deps).recordApproved({ source: seg.source, translation, editor, articleId, segmentId: seg.id });
    }
  }
  if (result.updated.length === 0) {
    result.warning = result.ignored.length
      ? `No segment changed: ${result.ignored.length} of ${units.length} units were ignored (${summary(result.ignored)}) and ${result.unchanged} were the same as stored`
      : `No segment changed: all ${units.length} units are the same as stored`;
  }
  return result;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

function summary(ignored: XliffImportResult['ignored']): string {
  const counts = new Map<string, number>();
  for (const i of ignored) counts.set(i.reason, (counts.get(i.reason) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ');
}
