import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { memoryExamples } from '../../services/translation-examples.ts';
import { numberChanges, penalisedScore, sentencePairs, translationMemoryFor } from '../../services/translation-memory.ts';

const LAOS = 'Biên bản ghi nhớ với 2 tỉnh Luông Phabang và Hủa Phăn được thực hiện hiệu quả, góp phần tăng cường quan hệ hữu nghị.';
const LAOS_EN = 'The memoranda of understanding with the two provinces of Luang Prabang and Houaphanh have been implemented effectively, strengthening friendly relations.';
const PARA = 'Năm 2019, tỉnh đón 12 đoàn khách quốc tế. Hội hữu nghị Việt - Thái có 350 hội viên.';
const PARA_EN = 'In 2019 the province received 12 international delegations. The Vietnam-Thailand Friendship Association has 350 members.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const tm = translationMemoryFor(t.deps);
  await tm.recordApproved({ source: LAOS, translation: LAOS_EN, editor: 'lan', articleId: 'art_a', at: '2026-02-01T00:00:00.000Z' });
  await tm.recordApproved({ source: PARA, translation: PARA_EN, editor: 'minh', articleId: 'art_b', at: '2026-03-01T00:00:00.000Z' });
  // A throwaway approval whose figure is wrong: kept in the memory, never an example.
  await tm.recordApproved({ source: 'Tỉnh có 534 hội viên hữu nghị.', translation: 'The province has 543 friendship members.', editor: 'lan', at: '2026-03-02T00:00:00.000Z' });
});
afterAll(() => t.close());

const lookup = async (source: string) => (await t.app.inject({ url: '/api/tm/lookup', query: { source } })).json().matches;

describe('fuzzy matches that say what differs', () => {
  it.each([
    { name: 'one figure changed', a: 'Ký với 2 tỉnh bạn.', b: 'Ký với 3 tỉnh bạn.', want: [{ memory: '2', current: '3' }] },
    { name: 'a figure added', a: 'Có 350 hội viên.', b: 'Có 350 hội viên và 12 đoàn.', want: [{ memory: null, current: '12' }] },
    { name: 'same figures in another order', a: 'Có 12 đoàn, 350 hội viên.', b: 'Có 350 hội viên, 12 đoàn.', want: [] },
  ])('numberChanges: $name', ({ a, b, want }) => {
    expect(numberChanges(a, b)).toEqual(want);
  });

  it('caps a match whose figure changed below any auto-use threshold, and calls the figure out', async () => {
    expect(penalisedScore(0.99, 1)).toBe(0.9);
    expect(penalisedScore(0.99, 3)).toBeCloseTo(0.8);
    const [m] = await lookup(LAOS.replace('2 tỉnh', '3 tỉnh'));
    expect(m).toMatchObject({ target: LAOS_EN, exact: false, score: 0.9, numberChanges: [{ memory: '2', current: '3' }], kind: 'paragraph' });
  });

  it('an unchanged paragraph is exact and carries no number changes', async () => {
    const [m] = await lookup(LAOS);
    expect(m).toMatchObject({ score: 1, exact: true });
    expect(m.numberChanges).toBeUndefined();
  });
});

describe('sentence-level memory', () => {
  it('stores the sentence pairs of an approved paragraph with as many sentences in English', () => {
    expect(sentencePairs(PARA, PARA_EN)).toEqual([
      { source: 'Năm 2019, tỉnh đón 12 đoàn khách quốc tế.', target: 'In 2019 the province received 12 international delegations.' },
      { source: 'Hội hữu nghị Việt - Thái có 350 hội viên.', target: 'The Vietnam-Thailand Friendship Association has 350 members.' },
    ]);
    expect(sentencePairs(PARA, 'In 2019 the province received 12 delegations and the association has 350 members.')).toEqual([]);
  });

  it('gives a new paragraph that shares a sentence a sentence match, placed on that sentence', async () => {
    const fresh = 'Tỉnh Hòa Bình tiếp tục mở rộng quan hệ đối ngoại với nhiều địa phương. Hội hữu nghị Việt - Thái có 350 hội viên.';
    const matches = await lookup(fresh);
    expect(matches).toEqual([
      expect.objectContaining({ kind: 'sentence', exact: true, source: 'Hội hữu nghị Việt - Thái có 350 hội viên.', target: 'The Vietnam-Thailand Friendship Association has 350 members.', sentence: { index: 1, start: fresh.indexOf('Hội'), end: fresh.length } }),
    ]);
  });
});

describe('examples for the model', () => {
  it('sends only units that passed QA and counts them as sent', async () => {
    const tm = translationMemoryFor(t.deps);
    const examples = memoryExamples(tm);
    expect(await examples('Tỉnh có 534 hội viên hữu nghị trong năm.')).toEqual([]);
    const got = await examples(LAOS.replace('hiệu quả', 'rất hiệu quả'));
    expect(got.map((e) => e.translation)).toEqual([LAOS_EN]);
    const sent = (await t.app.inject({ url: '/api/tm/units', query: { sentAsExample: 'true' } })).json();
    expect(sent.units.map((u: { source: string; exampleCount: number }) => [u.source, u.exampleCount])).toEqual([[LAOS, 1]]);
  });
});

describe('the memory page API', () => {
  const list = async (query: Record<string, string>) => (await t.app.inject({ url: '/api/tm/units', query })).json();

  it('searches source and English without diacritics and filters by article, author, date and kind', async () => {
    expect((await list({ q: 'huu nghi viet - thai', kind: 'paragraph' })).units.map((u: { source: string }) => u.source)).toEqual([PARA]);
    expect((await list({ q: 'HOUAPHANH' })).units.map((u: { articleId: string }) => u.articleId)).toEqual(['art_a']);
    expect((await list({ author: 'minh', kind: 'paragraph' })).total).toBe(1);
    expect((await list({ articleId: 'art_b' })).total).toBe(3);
    expect((await list({ from: '2026-03-02', to: '2026-03-02' })).units).toEqual([
      expect.objectContaining({ source: 'Tỉnh có 534 hội viên hữu nghị.', qaStatus: 'failed', exampleCount: 0, createdBy: 'lan', kind: 'paragraph' }),
    ]);
    const bad = await t.app.inject({ url: '/api/tm/units', query: { from: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
  });

  it('corrects a unit (checked again by QA) and deletes one with its sentence pairs', async () => {
    const [wrong] = (await list({ q: '534' })).units;
    const fixed = await t.app.inject({ method: 'PATCH', url: `/api/tm/units/${wrong.id}`, payload: { target: 'The province has 534 friendship members.', editor: 'hoa' } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ target: 'The province has 534 friendship members.', qaStatus: 'passed', createdBy: 'hoa' });
    expect((await t.app.inject({ method: 'PATCH', url: `/api/tm/units/${wrong.id}`, payload: { target: '  ' } })).statusCode).toBe(400);

    const [para] = (await list({ articleId: 'art_b', kind: 'paragraph' })).units;
    // Two units with the same source: turning one into the other's twin is refused, and both stay as they were.
    const tm = translationMemoryFor(t.deps);
    await tm.recordApproved({ source: PARA, translation: `${PARA_EN} (draft)`, editor: 'lan', articleId: 'art_c', at: '2026-03-03T00:00:00.000Z' });
    const [draft] = (await list({ articleId: 'art_c', kind: 'paragraph' })).units;
    const twin = await t.app.inject({ method: 'PATCH', url: `/api/tm/units/${draft.id}`, payload: { target: ` ${PARA_EN}` } });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toEqual({ error: { code: 'ERR_CONFLICT', message: `The memory already pairs this source with that English (unit ${para.id}, saved by minh on 2026-03-01): delete one of the two units instead` } });
    expect((await list({ articleId: 'art_c', kind: 'paragraph' })).units[0].target).toBe(`${PARA_EN} (draft)`);
    await t.app.inject({ method: 'DELETE', url: `/api/tm/units/${draft.id}` });

    expect((await t.app.inject({ method: 'DELETE', url: `/api/tm/units/${para.id}` })).statusCode).toBe(204);
    expect((await list({ articleId: 'art_b' })).total).toBe(0);
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/tm/units/${para.id}` });
    expect(gone.json()).toEqual({ error: { code: 'ERR_NOT_FOUND', message: `Memory unit ${para.id} does not exist` } });
  });
});
