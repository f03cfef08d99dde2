import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { seedArticle } from '../../../test/helpers/seed-article.ts';
import { translationMemoryFor } from '../../services/translation-memory.ts';

const LAOS = 'Biên bản ghi nhớ với 2 tỉnh Luông Phabang và Hủa Phăn được thực hiện hiệu quả, góp phần tăng cường quan hệ hữu nghị.';
const LAOS_EN = 'The memoranda of understanding with the two provinces of Luang Prabang and Houaphanh have been implemented effectively, strengthening friendly relations.';
const PARA = 'Năm 2019, tỉnh đón 12 đoàn khách quốc tế đến thăm và làm việc.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await translationMemoryFor(t.deps).recordApproved({ source: LAOS, translation: LAOS_EN, editor: 'lan', articleId: 'art_old' });
});
afterAll(() => t.close());

describe('GET /api/articles/:id/tm-matches', () => {
  it('gives each segment its best memory score, as a lookup scores it, and leaves out segments without one', async () => {
    const sources = [
      LAOS.replace('Hủa Phăn', 'Hủa  Phăn'), // the same after normalisation: exact
      LAOS.replace('2 tỉnh', '3 tỉnh'), // a figure changed: capped at 0.9
      LAOS.replace('hiệu quả', 'rất hiệu quả'), // a word added: fuzzy
      PARA, // nothing like it in the memory
    ];
    const { articleId, segmentIds } = await seedArticle(t.deps.store, 'Matches', sources);
    const res = await t.app.inject({ url: `/api/articles/${articleId}/tm-matches` });
    expect(res.statusCode).toBe(200);
    const lookups = await Promise.all(sources.map(async (source) => (await t.app.inject({ url: '/api/tm/lookup', query: { source } })).json().matches[0]?.score));
    expect(lookups.slice(0, 3)).toEqual([1, 0.9, expect.any(Number)]);
    expect(lookups[3]).toBeUndefined();
    expect(res.json()).toEqual({ threshold: 0.75, scores: { [segmentIds[0]!]: 1, [segmentIds[1]!]: 0.9, [segmentIds[2]!]: lookups[2] } });
  });

  it("does not count a segment's own approval as a match, but counts it for an identical segment", async () => {
    const { articleId, segmentIds: [own, twin] } = await seedArticle(t.deps.store, 'Own', [PARA, PARA]);
    await translationMemoryFor(t.deps).recordApproved({ source: PARA, translation: 'In 2019 the province received 12 international delegations.', segmentId: own, articleId });
    const res = await t.app.inject({ url: `/api/articles/${articleId}/tm-matches` });
    expect(res.json().scores).toEqual({ [twin!]: 1 });
  });

  it('answers 404 for an article that does not exist', async () => {
    const res = await t.app.inject({ url: '/api/articles/art_missing/tm-matches' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ERR_ARTICLE_NOT_FOUND', message: 'Article art_missing does not exist' } });
  });
});
