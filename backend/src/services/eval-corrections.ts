/**
 * The office's own corrections as an eval dataset: every approved segment whose editor changed the machine
 * translation becomes an item with the source, the editor's final text as reference, the machine translation it
 * replaced and the prompt version that produced it. Served as JSONL by `GET /api/eval-datasets/corrections` and
 * written by `npm run eval -- --export-corrections <file>`; the lines load as an evals translation dataset.
 */
import type { MqmError } from '../qa/mqm.ts';
import type { AuditRepository } from '../storage/kysely/audit-repository.ts';
import type { Store } from '../storage/repositories.ts';

export interface CorrectionItem {
  /** The segment id. */
  id: string;
  vi: string;
  /** The editor's final, approved text. */
  en: string;
  /** The machine translation the editor replaced. */
  mt: string;
  /** `translate@v1` etc., or absent when the run that produced the translation is no longer stored. */
  prompt?: string;
  /** The article, so an eval gives each segment its document context. */
  doc: string;
  /** The errors a reviewer recorded in the translator's confirmed text (MQM), when there were any. */
  annotations?: MqmError[];
}

/** Collapse whitespace so an editor's stray space is not counted as a correction. */
const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/**
 * Every correction in the store, articles in store order and segments in document order.
 * @example (await listCorrections(store))[0] // { id, vi, en, mt, prompt: 'translate@v1', doc }
 */
export async function listCorrections(
  store: Pick<Store, 'articles' | 'segments' | 'runs'> & { audit?: Pick<AuditRepository, 'annotationsByArticle'> },
): Promise<CorrectionItem[]> {
  const out: CorrectionItem[] = [];
  const prompts = new Map<string, string | undefined>();
  for (const article of await store.articles.list()) {
    const segments = (await store.segments.listByArticle(article.id)).sort((a, b) => a.idx - b.idx);
    const annotations = new Map<string, MqmError[]>();
    for (const a of (await store.audit?.annotationsByArticle(article.id)) ?? []) {
      const e: MqmError = { category: a.category as MqmError['category'], severity: a.severity as MqmError['severity'], ...(a.note ? { note: a.note } : {}) };
      annotations.set(a.segment_id, [...(annotations.get(a.segment_id) ?? []), e]);
    }
    for (const s of segments) {
      if (s.status !== 'approved' || !s.machine_translation || !s.translation || same(s.machine_translation, s.translation)) continue;
      let prompt: string | undefined;
      if (s.mt_run_id) {
        if (!prompts.has(s.mt_run_id)) {
          const run = await store.runs.get(s.mt_run_id);
          prompts.set(s.mt_run_id, run ? `${run.prompt_id}@${run.prompt_version}` : undefined);
        }
        prompt = prompts.get(s.mt_run_id);
      }
      const found = annotations.get(s.id);
      out.push({ id: s.id, vi: s.source, en: s.translation, mt: s.machine_translation, ...(prompt ? { prompt } : {}), doc: article.id, ...(found ? { annotations: found } : {}) });
    }
  }
  return out;
}

/** One JSON object a line, with a final newline; empty text when there is nothing to export. */
export function toJsonl(items: readonly object[]): string {
  return items.map((i) => JSON.stringify(i)).join('\n') + (items.length ? '\n' : '');
}
