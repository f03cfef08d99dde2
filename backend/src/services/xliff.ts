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
export async function importXliff(deps: Pick<Deps, 'store' | 'config'>, articleId: string, xml: string, editor = 'xliff-import'): Promise<XliffImportResult> {
  const article = await getArticle(deps, articleId);
  const { version, units } = parseXliff(xml);
  if (units.length === 0) throw new Errors.MalformedInput('The XLIFF file has no translation units');
  const byId = new Map(article.segments.map((s) => [s.id, s]));
  const result: XliffImportResult = { version, updated: [], unchanged: 0, unknownIds: [], changedSources: [], conflicts: [] };
  const terms = await terminologyFor(deps).index();
  for (const unit of units) {
    const seg = byId.get(unit.id);
    if (!seg) {
      result.unknownIds.push(unit.id);
      continue;
    }
    if (!same(unit.source, seg.source)) {
      result.changedSources.push(unit.id);
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
    const patch: SegmentUpdate = { status: unit.status === 'approved' ? 'approved' : 'edited', qa_json: JSON.stringify(runQa({ source: seg.source, translation, terms })) };
    if (textChanged) Object.assign(patch, { translation, origin: 'import' });
    const updated = await deps.store.segments.updateIfVersion(seg.id, seg.version, patch, editor);
    if (!updated) {
      result.conflicts.push(seg.id);
      continue;
    }
    result.updated.push(seg.id);
    await segmentChanged(deps.store, updated);
    if (patch.status === 'approved') {
      await translationMemoryFor(deps).recordApproved({ source: seg.source, translation, editor, articleId, segmentId: seg.id });
    }
  }
  return result;
}
