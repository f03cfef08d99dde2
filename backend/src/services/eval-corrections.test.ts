import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../storage/index.ts';
import { createTestStore } from '../../test/helpers/test-store.ts';
import { listCorrections, toJsonl } from './eval-corrections.ts';

const NOW = '2026-11-27T07:00:00.000Z';
let store: OpenStore;

// real lines of the Hoa Binh foreign-affairs article
const SEGMENTS = [
  { source: 'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU.', mt: 'On 6/1/2017, the BTV issued Resolution 12.', final: 'On 6 January 2017, the Standing Board of the Provincial Party Committee issued Resolution No. 12-NQ/TU.', status: 'approved' },
  { source: 'Công tác đối ngoại được đẩy mạnh.', mt: 'Foreign affairs work was stepped up.', final: 'Foreign affairs work was stepped up. ', status: 'approved' },
  { source: 'Tỉnh đã tiếp 15 đoàn khách quốc tế.', mt: 'The province received 15 groups.', final: 'The province received 15 international delegations.', status: 'edited' },
  { source: 'Kim ngạch xuất khẩu đạt 790,84 triệu USD.', mt: 'Exports reached USD 790,84 million.', final: 'Export turnover reached USD 790.84 million.', status: 'approved' },
];

beforeAll(async () => {
  store = await createTestStore();
  await store.articles.create(
    { id: 'a1', title: 'Đối ngoại 2020', status: 'in_review', source_format: 'txt', original_name: null, original_path: null, removed_json: '[]', conversions_json: '[]', created_at: NOW, updated_at: NOW },
    SEGMENTS.map((s, i) => ({
      id: `a1-s${i + 1}`, article_id: 'a1', idx: i, kind: 'body', source: s.source, sentences_json: '[]', machine_translation: s.mt,
      mt_run_id: i === 0 ? 'run-1' : i === 3 ? 'run-gone' : null, translation: s.final, status: s.status, origin: 'editor', error: null, qa_json: '[]', version: 2, updated_at: NOW, updated_by: 'lan',
    })),
  );
  await store.runs.insert({
    id: 'run-1', job_id: null, article_id: 'a1', segment_id: 'a1-s1', prompt_id: 'translate', prompt_version: 'v2', prompt_hash: 'h', model: 'gpt-4o-mini',
    params_json: '{}', cache_key: null, output: SEGMENTS[0]!.mt, tokens_in: 10, tokens_out: 8, latency_ms: 900, cost_usd: null, cached: 0, error: null, created_at: NOW,
  });
});
afterAll(() => store.close());

describe('listCorrections', () => {
  it('keeps approved segments whose editor changed the machine translation, with the prompt that produced it', async () => {
    expect(await listCorrections(store)).toEqual([
      { id: 'a1-s1', vi: SEGMENTS[0]!.source, en: SEGMENTS[0]!.final, mt: SEGMENTS[0]!.mt, prompt: 'translate@v2', doc: 'a1' },
      // the run is gone: no prompt rather than a guess
      { id: 'a1-s4', vi: SEGMENTS[3]!.source, en: SEGMENTS[3]!.final, mt: SEGMENTS[3]!.mt, doc: 'a1' },
    ]);
  });

  it('writes JSONL, one item a line', async () => {
    const text = toJsonl(await listCorrections(store));
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0]!).prompt).toBe('translate@v2');
    expect(toJsonl([])).toBe('');
  });
});
