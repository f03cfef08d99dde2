/**
 * Articles for tests, the benchmark and demos, stored directly (no intake) so translation can be exercised on
 * exact segments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newId, segmentId } from '../../src/services/ids.ts';
import type { Store } from '../../src/storage/repositories.ts';

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
