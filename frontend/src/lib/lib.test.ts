import { describe, expect, it } from 'vitest';
import { filterArticles } from './article-filter.ts';
import { parseRoute } from './router.ts';
import { alignedPieces, piecesFromSpans } from './sentences.ts';
import { neighbour, nextUnapproved, shortcutFor } from './shortcuts.ts';
import { editRatio, wordDiff } from './word-diff.ts';
import { en, vi } from './messages.ts';
import type { ArticleSummary } from '../../../backend/src/schemas/article.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('shortcutFor', () => {
  it.each([
    { name: 'Ctrl+Enter approves', e: key('Enter', { ctrlKey: true }), text: true, want: 'approve' },
    { name: 'Cmd+Enter approves', e: key('Enter', { metaKey: true }), text: true, want: 'approve' },
    { name: 'Alt+Up', e: key('ArrowUp', { altKey: true }), text: true, want: 'prev' },
    { name: 'Alt+Down', e: key('ArrowDown', { altKey: true }), text: true, want: 'next' },
    { name: 'Ctrl+Shift+S (upper case key)', e: key('S', { ctrlKey: true, shiftKey: true }), text: true, want: 'copy-mt' },
    { name: 'Ctrl+Shift+X', e: key('X', { ctrlKey: true, shiftKey: true }), text: true, want: 'toggle-diff' },
    { name: 'Ctrl+Shift+C stays the browser inspector', e: key('C', { ctrlKey: true, shiftKey: true }), text: true, want: null },
    { name: 'Ctrl+Shift+D stays the browser bookmark', e: key('D', { ctrlKey: true, shiftKey: true }), text: true, want: null },
    { name: 'Ctrl+G goes to a number', e: key('g', { ctrlKey: true }), text: true, want: 'goto' },
    { name: 'Alt+PageDown next QA issue', e: key('PageDown', { altKey: true }), text: true, want: 'next-qa' },
    { name: 'Alt+PageUp previous QA issue', e: key('PageUp', { altKey: true }), text: true, want: 'prev-qa' },
    { name: 'Alt+Shift+Down next unapproved', e: key('ArrowDown', { altKey: true, shiftKey: true }), text: true, want: 'next-open' },
    { name: 'Alt+Shift+Up previous unapproved', e: key('ArrowUp', { altKey: true, shiftKey: true }), text: true, want: 'prev-open' },
    { name: '? outside a field', e: key('?', { shiftKey: true }), text: false, want: 'help' },
    { name: '? inside a field types', e: key('?', { shiftKey: true }), text: true, want: null },
    { name: 'plain Enter', e: key('Enter'), text: true, want: null },
    { name: 'Ctrl+C copies normally', e: key('c', { ctrlKey: true }), text: true, want: null },
  ])('$name', ({ e, text, want }) => {
    expect(shortcutFor(e, text)).toBe(want);
  });

  it.each([
    { name: 'next after current', from: 'a', approved: ['b'], want: 'c' },
    { name: 'wraps round', from: 'c', approved: ['a'], want: 'b' },
    { name: 'none left', from: 'a', approved: ['b', 'c'], want: null },
    { name: 'from nothing', from: null, approved: [] as string[], want: 'a' },
  ])('nextUnapproved: $name', ({ from, approved, want }) => {
    expect(nextUnapproved(['a', 'b', 'c'], (id) => approved.includes(id), from)).toBe(want);
  });

  it('neighbour clamps at the ends', () => {
    expect([neighbour(['a', 'b'], 'a', -1), neighbour(['a', 'b'], 'a', 1), neighbour(['a', 'b'], 'b', 1), neighbour(['a', 'b'], null, 1)]).toEqual(['a', 'b', 'b', 'a']);
  });
});

describe('sentences', () => {
  const source = 'Tỉnh đã tổ chức nhiều đoàn công tác. 3 năm qua, tỉnh thu hút 16 dự án FDI.';
  it('cuts by spans and keeps the text between', () => {
    expect(piecesFromSpans(source, [{ start: 0, end: 36 }, { start: 37, end: source.length }])).toEqual([
      { text: 'Tỉnh đã tổ chức nhiều đoàn công tác.', n: 0 },
      { text: ' ', n: -1 },
      { text: '3 năm qua, tỉnh thu hút 16 dự án FDI.', n: 1 },
    ]);
  });
  it('aligns English sentences one to one when the counts match', () => {
    expect(alignedPieces('The province sent many delegations. In 3 years it drew 16 FDI projects.', 2).filter((p) => p.n >= 0).map((p) => p.n)).toEqual([0, 1]);
  });
  it('leaves the alignment unknown when the counts differ', () => {
    expect(alignedPieces('One sentence only.', 2)).toEqual([{ text: 'One sentence only.', n: -1 }]);
  });
});

describe('wordDiff', () => {
  it('marks replaced words', () => {
    const parts = wordDiff('The delegation of Yamanashi worked', 'The Yamanashi delegation worked');
    expect(wordDiff('the delegation sat', 'the province sat')).toEqual([
      { text: 'the ', op: 'same' },
      { text: 'delegation', op: 'removed' },
      { text: 'province', op: 'added' },
      { text: ' sat', op: 'same' },
    ]);
    expect(parts.map((p) => (p.op === 'removed' ? '' : p.text)).join('')).toBe('The Yamanashi delegation worked');
    expect(parts.map((p) => (p.op === 'added' ? '' : p.text)).join('')).toBe('The delegation of Yamanashi worked');
  });
  it.each([
    { name: 'unchanged', a: 'same text', b: 'same text', want: 0 },
    { name: 'all new', a: '', b: 'new', want: 1 },
  ])('editRatio $name', ({ a, b, want }) => expect(editRatio(wordDiff(a, b))).toBe(want));
});

describe('router', () => {
  it.each([
    { path: '/', want: { name: 'articles' } },
    { path: '/articles/abc-1', want: { name: 'editor', id: 'abc-1' } },
    { path: '/articles/abc-1/', want: { name: 'editor', id: 'abc-1' } },
    { path: '/evals', want: { name: 'evals' } },
    { path: '/evals/eval_a%201/', want: { name: 'eval-run', id: 'eval_a 1' } },
    { path: '/terms/', want: { name: 'terms' } },
    { path: '/nope', want: { name: 'not-found', path: '/nope' } },
  ])('$path', ({ path, want }) => expect(parseRoute(path)).toEqual(want));
});

describe('filterArticles', () => {
  const a = (id: string, title: string, status: ArticleSummary['status']) =>
    ({ id, title, status, createdAt: '', updatedAt: '', counts: { total: 0, new: 0, translated: 0, edited: 0, confirmed: 0, approved: 0, failed: 0, flagged: 0 } });
  const list = [a('1', 'Hòa Bình đẩy mạnh đối ngoại', 'translated'), a('2', 'Đoàn Yamanashi thăm tỉnh', 'approved')];
  it.each([
    { name: 'without diacritics', q: 'hoa binh', st: '', want: ['1'] },
    { name: 'đ folds to d', q: 'doan', st: '', want: ['2'] },
    { name: 'status only', q: '', st: 'approved', want: ['2'] },
    { name: 'both, no match', q: 'hoa', st: 'approved', want: [] },
  ])('$name', ({ q, st, want }) => expect(filterArticles(list, q, st).map((x) => x.id)).toEqual(want));
});

describe('messages', () => {
  it('has a Vietnamese string for every key', () => {
    expect(Object.keys(en).filter((k) => !(k in vi))).toEqual([]);
  });
});
