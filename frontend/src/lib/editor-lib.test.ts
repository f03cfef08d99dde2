import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../backend/src/schemas/article.ts';
import { findHits, replaceHits } from './find-replace.ts';
import { fold } from './fold.ts';
import { merge3 } from './merge3.ts';
import { countFilters, matcher, nextWhere, NO_FILTER, type FilterItem } from './segment-filter.ts';

const issue = (code: string, severity: 'error' | 'warning' | 'info') => ({ code, severity, message: code });
function item(status: Segment['status'] | 'confirmed', source: string, target: string, qa: Segment['qa'] = [], memoryMatch = false): FilterItem {
  return { segment: { status: status as Segment['status'], source, qa, origin: memoryMatch ? 'memory' : 'model' }, target, memoryMatch };
}
const items = [
  item('new', 'Quan hệ hữu nghị đặc biệt Việt Nam - Lào', ''),
  item('translated', 'Tỉnh Hòa Bình đón 12 đoàn khách', 'Hoa Binh province welcomed 12 delegations', [issue('NUMBER_MISMATCH', 'error')]),
  item('edited', 'Đoàn công tác thăm Hủa Phăn', 'The delegation visited Houaphanh', [issue('TERM_MISSING', 'warning')]),
  item('approved', 'Ký biên bản ghi nhớ', 'Signed a memorandum of understanding', [], true),
  item('confirmed', 'Hợp tác hữu nghị', 'Friendly cooperation'),
  item('failed', 'Đẩy mạnh đối ngoại', ''),
];

describe('fold', () => {
  it('drops tones, vowel marks and đ, and case', () => expect(fold('Hữu Nghị ĐOÀN Đặc biệt')).toBe('huu nghi doan dac biet'));
});

describe('segment filter', () => {
  it.each([
    { name: 'diacritic-free text finds the source', f: { text: 'huu nghi' }, want: [0, 4] },
    { name: 'text in the target only', f: { text: 'houaphanh', where: 'target' as const }, want: [2] },
    { name: 'a source word is not searched in the target scope', f: { text: 'hua phan', where: 'target' as const }, want: [] },
    { name: 'untranslated', f: { state: 'untranslated' as const }, want: [0] },
    { name: 'machine draft', f: { state: 'machine' as const }, want: [1] },
    { name: 'confirmed covers approved and confirmed', f: { state: 'confirmed' as const }, want: [3, 4] },
    { name: 'failed', f: { state: 'failed' as const }, want: [5] },
    { name: 'any QA error', f: { qa: 'error' }, want: [1] },
    { name: 'any QA warning', f: { qa: 'warning' }, want: [2] },
    { name: 'one check', f: { qa: 'check:TERM_MISSING' }, want: [2] },
    { name: 'memory match', f: { memory: true }, want: [3] },
    { name: 'filters combine', f: { state: 'confirmed' as const, text: 'huu nghi' }, want: [4] },
  ])('$name', ({ f, want }) => {
    const ok = matcher({ ...NO_FILTER, ...f });
    expect(items.flatMap((it, i) => (ok(it) ? [i] : []))).toEqual(want);
  });

  it('counts each choice', () => {
    const c = countFilters(items, 'huu nghi');
    expect(c).toEqual({
      total: 6, state: { untranslated: 1, machine: 1, edited: 1, confirmed: 2, failed: 1 },
      qa: { any: 2, error: 1, warning: 1, checks: { NUMBER_MISMATCH: 1, TERM_MISSING: 1 } }, memory: 1, text: 2,
    });
  });

  it('finds the next and previous match, wrapping round', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const odd = (id: string) => id === 'b' || id === 'd';
    expect(nextWhere(ids, 'b', 1, odd)).toBe('d');
    expect(nextWhere(ids, 'd', 1, odd)).toBe('b');
    expect(nextWhere(ids, 'b', -1, odd)).toBe('d');
    expect(nextWhere(ids, null, 1, odd)).toBe('b');
    expect(nextWhere(ids, 'a', 1, () => false)).toBeNull();
  });
});

describe('find and replace', () => {
  const text = 'The Province and the province; provinces of the province.';
  it.each([
    { name: 'ignoring case', opts: { caseSensitive: false, wholeWord: false }, want: [[4, 12], [21, 29], [31, 39], [48, 56]] },
    { name: 'case sensitive', opts: { caseSensitive: true, wholeWord: false }, want: [[21, 29], [31, 39], [48, 56]] },
    { name: 'whole words', opts: { caseSensitive: false, wholeWord: true }, want: [[4, 12], [21, 29], [48, 56]] },
  ])('$name', ({ opts, want }) => {
    expect(findHits(text, 'province', opts).map((h) => [h.start, h.end])).toEqual(want);
  });
  it('replaces literally, whole words only', () => {
    expect(replaceHits(text, 'province', '$1 region', { caseSensitive: false, wholeWord: true })).toBe('The $1 region and the $1 region; provinces of the $1 region.');
  });
  it('treats Vietnamese letters as word characters and regex signs as text', () => {
    expect(findHits('Hòa Bình, Hòa Bìnhx (1.5)', 'Hòa Bình', { caseSensitive: true, wholeWord: true })).toEqual([{ start: 0, end: 8 }]);
    expect(findHits('a 1.5 b 105', '1.5', { caseSensitive: true, wholeWord: false })).toEqual([{ start: 2, end: 5 }]);
  });
});

describe('three-way merge', () => {
  it('keeps both changes when they touch different words', () => {
    const base = 'The province welcomed 12 delegations in 2020.';
    const theirs = 'The province welcomed 12 international delegations in 2020.';
    const mine = 'Hoa Binh province welcomed 12 delegations in 2020.';
    expect(merge3(base, theirs, mine)).toEqual({ text: 'Hoa Binh province welcomed 12 international delegations in 2020.', conflicts: [] });
  });
  it('reports the place both changed differently and keeps mine there', () => {
    const r = merge3('They signed two agreements.', 'They signed three agreements.', 'They signed four agreements.');
    expect(r).toEqual({ text: 'They signed four agreements.', conflicts: [{ theirs: 'three', mine: 'four' }] });
  });
  it('takes an identical change once', () => {
    expect(merge3('a b c', 'a x c', 'a x c d')).toEqual({ text: 'a x c d', conflicts: [] });
  });
  it('two insertions at the same place are a conflict', () => {
    expect(merge3('a c', 'a b c', 'a d c').conflicts).toHaveLength(1);
  });
});
