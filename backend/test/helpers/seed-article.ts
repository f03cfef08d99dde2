/**
 * Articles for tests, the benchmark and demos, stored directly (no intake) so translation can be exercised on
 * exact segments.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../src/deps.ts';
import { newId, segmentId } from '../../src/services/ids.ts';
import { checkPair } from '../../src/services/qa.ts';
import type { Store } from '../../src/storage/repositories.ts';
import { sentenceSpans } from '../../src/text/sentences.ts';

export const SAMPLE_FILE = path.resolve(import.meta.dirname, '../fixtures/hoabinh-doi-ngoai-2020.txt');
export const SAMPLE_TITLE = 'Hòa Bình đẩy mạnh công tác đối ngoại giai đoạn 2016 – 2020';

/** The body paragraphs of the sample article (hoabinh-doi-ngoai-2020.txt), without the site's trailing links. */
export function sampleParagraphs(): string[] {
  const text = fs.readFileSync(SAMPLE_FILE, 'utf8');
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).slice(0, 10);
}

/** Store an article whose segments are exactly `paragraphs`; returns its id and segment ids in order. */
export async function seedArticle(store: Store, title: string, paragraphs: string[]): Promise<{ articleId: string; segmentIds: string[] }> {
  const id = newId('art');
  const now = new Date().toISOString();
  const segmentIds = paragraphs.map((_, i) => segmentId(id, i));
  await store.articles.create(
    { id, title, status: 'imported', source_format: 'text', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: now, updated_at: now },
    paragraphs.map((source, i) => ({
      id: segmentIds[i]!, article_id: id, idx: i, kind: 'paragraph', source, sentences_json: '[]', machine_translation: null, mt_run_id: null,
      translation: null, status: 'new', origin: null, error: null, qa_json: '[]', version: 1, updated_at: now, updated_by: null,
    })),
  );
  return { articleId: id, segmentIds };
}

/**
 * Store an article as an editor leaves it after a full pass: every segment machine-translated by one model run, then
 * edited, with its sentence spans and the QA issues the editing flow stores (the first `maxQa` of them: an edit that
 * does not match its source draws more flags than a real one). `translations[i]` is segment i's edit; the
 * machine draft is the same text with its first word dropped, so the two differ as a draft and an edit do.
 */
export async function seedEditedArticle(
  deps: Pick<Deps, 'store'>,
  title: string,
  sources: string[],
  translations: string[],
  maxQa = 2,
): Promise<{ articleId: string; segmentIds: string[] }> {
  const { store } = deps;
  const id = newId('art');
  const now = new Date().toISOString();
  const runId = newId('run');
  await store.runs.insert({
    id: runId, job_id: null, article_id: id, segment_id: null, prompt_id: 'translate', prompt_version: 'v1', prompt_hash: 'seed',
    model: 'gpt-4o-mini', params_json: '{}', cache_key: null, output: null, tokens_in: null, tokens_out: null, latency_ms: null,
    cost_usd: null, cached: 0, error: null, created_at: now,
  });
  const segmentIds = sources.map((_, i) => segmentId(id, i));
  const rows = [];
  for (const [i, source] of sources.entries()) {
    const translation = translations[i % translations.length]!;
    rows.push({
      id: segmentIds[i]!, article_id: id, idx: i, kind: i === 0 ? 'title' : 'paragraph', source,
      sentences_json: JSON.stringify(sentenceSpans(source)), machine_translation: translation.replace(/^\S+\s/, ''), mt_run_id: runId,
      translation, status: 'edited', origin: 'editor', error: null,
      qa_json: JSON.stringify((await checkPair(deps, source, translation)).slice(0, maxQa)), version: 3, updated_at: now, updated_by: 'editor',
    });
  }
  await store.articles.create(
    { id, title, status: 'imported', source_format: 'text', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: now, updated_at: now },
    rows,
  );
  return { articleId: id, segmentIds };
}
