// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../api/articles.ts';
import { filterAssigned, isOverdue } from '../lib/article-filter.ts';
import { json, mount, settle, shadowText, stubFetch, useStub } from '../test/fixtures.ts';
import '../views/wb-articles-view.ts';
import { assignBody } from './wb-assign-form.ts';
import './wb-assign-form.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const counts = { total: 4, new: 0, translated: 4, edited: 0, confirmed: 0, approved: 0, failed: 0, flagged: 0 };
const summary = (id: string, title: string, over: Partial<ArticleSummary>): ArticleSummary =>
  ({ id, title, status: 'translated', createdAt: '2026-11-20T08:00:00Z', updatedAt: '2026-11-20T08:00:00Z', counts, ...over }) as ArticleSummary;

const LIST = [
  summary('a1', 'Hòa Bình đẩy mạnh công tác đối ngoại', { assignee: 'Minh', reviewer: 'Nguyễn Thị Lan', dueDate: '2020-03-15' }),
  summary('a2', 'Đoàn công tác tỉnh Yamanashi làm việc', { assignee: 'Trần Hồng Quang', reviewer: null, dueDate: '2099-06-01' }),
  summary('a3', 'Thu hút 16 dự án FDI', { assignee: null, reviewer: null, dueDate: null }),
  summary('a4', 'Nghị quyết 12-NQ/TU đã duyệt', { status: 'approved', assignee: 'Minh', dueDate: '2020-01-10' }),
];

describe('<wb-assign-form>', () => {
  it('sends only the changed fields, an emptied one as null, and suggests the names seen on articles', async () => {
    const stub = useStub(stubFetch([
      (u, i) => (u === '/api/articles' && !i?.method ? json({ articles: LIST }) : undefined),
      (u, i) => (u === '/api/articles/a1' && i?.method === 'PATCH' ? json({ ...LIST[0], assignee: null, reviewer: 'Trần Hồng Quang' }) : undefined),
    ]));
    const el = await mount('wb-assign-form', { articleId: 'a1', current: { assignee: 'Minh', reviewer: 'Nguyễn Thị Lan', dueDate: '2099-06-01' } });
    expect(shadowText(el, '[data-assignment] > span')).toEqual(['Translator: Minh', 'Reviewer: Nguyễn Thị Lan', 'Due: 2099-06-01']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="assign"]')!.click();
    await settle(el);
    expect([...el.shadowRoot!.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Minh', 'Nguyễn Thị Lan', 'Trần Hồng Quang']);
    el.shadowRoot!.querySelector<HTMLInputElement>('#as-assignee')!.value = '  ';
    el.shadowRoot!.querySelector<HTMLInputElement>('#as-reviewer')!.value = 'Trần Hồng Quang';
    let saved: unknown = null;
    el.addEventListener('wb-assigned', (e) => (saved = (e as CustomEvent<{ article: ArticleSummary }>).detail.article.reviewer));
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    const patch = stub.calls.filter((c) => c.method === 'PATCH');
    expect(patch).toEqual([expect.objectContaining({ url: '/api/articles/a1', body: { assignee: null, reviewer: 'Trần Hồng Quang' } })]);
    expect(saved).toBe('Trần Hồng Quang');
    expect(el.shadowRoot!.querySelector('form')).toBeNull();
  });

  it("shows the server's refusal and keeps the form open", async () => {
    useStub(stubFetch([
      (u, i) => (i?.method === 'PATCH' ? json({ error: { code: 'ERR_MALFORMED_INPUT', message: 'The assignee "Hùng" is not an enabled user' } }, 400) : undefined),
      () => json({ articles: [] }),
    ]));
    const el = await mount('wb-assign-form', { articleId: 'a3', current: {} });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="assign"]')!.click();
    await settle(el);
    el.shadowRoot!.querySelector<HTMLInputElement>('#as-assignee')!.value = 'Hùng';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(shadowText(el, '[role="alert"]')).toEqual(['The assignee "Hùng" is not an enabled user']);
    expect(el.shadowRoot!.querySelector('form')).not.toBeNull();
  });

  it('builds no body when nothing changed', () => {
    expect(assignBody({ assignee: 'Minh', dueDate: null }, { assignee: 'Minh', reviewer: '', dueDate: '' })).toEqual({});
    expect(assignBody({}, { assignee: '', reviewer: '', dueDate: '2026-12-24' })).toEqual({ dueDate: '2026-12-24' });
  });
});

describe('articles list: assignment, overdue and the due-date filter', () => {
  it('marks overdue unapproved articles and keeps only those due on or before the chosen day, soonest first', async () => {
    useStub(stubFetch([(u) => (u === '/api/articles' ? json({ articles: LIST }) : undefined)]));
    const el = await mount('wb-articles-view');
    await settle(el);
    expect(shadowText(el, 'tbody tr.overdue td:first-child')).toEqual(['Hòa Bình đẩy mạnh công tác đối ngoại']);
    expect(shadowText(el, 'tbody tr[data-id="a1"] td.due')).toEqual(['2020-03-15 overdue']);
    expect(shadowText(el, 'tbody tr[data-id="a1"] td.people')).toEqual(['Minh Reviewer: Nguyễn Thị Lan']);
    const due = el.shadowRoot!.querySelector<HTMLInputElement>('#due')!;
    due.value = '2026-12-31';
    due.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-id'))).toEqual(['a4', 'a1']);
    due.value = '';
    due.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('tbody tr')).toHaveLength(4);
  });

  it('"mine" and "due before" combine as the server applies them', () => {
    expect(filterAssigned(LIST, { mine: true, me: 'Minh' }).map((a) => a.id)).toEqual(['a1', 'a4']);
    expect(filterAssigned(LIST, { mine: true, me: 'Nguyễn Thị Lan', dueBefore: '2099-06-01' }).map((a) => a.id)).toEqual(['a1']);
    expect(filterAssigned(LIST, { mine: true, me: null }).map((a) => a.id)).toEqual([]);
    expect(filterAssigned(LIST, { dueBefore: '2099-06-01' }).map((a) => a.id)).toEqual(['a4', 'a1', 'a2']);
    expect(isOverdue({ dueDate: '2026-11-28', status: 'in_review' }, '2026-11-29')).toBe(true);
    expect(isOverdue({ dueDate: '2026-11-29', status: 'in_review' }, '2026-11-29')).toBe(false);
  });
});
