/**
 * The article list: status, progress and counts, translator/reviewer/due date (overdue marked), search, status,
 * "mine" and "due before" filters, import and delete.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deleteArticle, listArticles, type Article, type ArticleSummary } from '../api/articles.ts';
import '../components/wb-import-dialog.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { cssProps } from '../lib/css-props.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { can, currentMe } from '../lib/session.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { navigate } from '../lib/router.ts';
import { filterArticles, filterAssigned, isOverdue } from '../lib/article-filter.ts';

const STATUSES = ['imported', 'translating', 'translated', 'in_review', 'approved'] as const;

@customElement('wb-articles-view')
export class WbArticlesView extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px 20px; max-width: 1280px; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
    h1 { font-size: 22px; margin: 0; }
    .filters { display: flex; gap: 12px; align-items: end; margin: 14px 0; flex-wrap: wrap; }
    .filters div { display: flex; flex-direction: column; gap: 4px; }
    input[type='search'] { width: min(320px, 100%); box-sizing: border-box; }
    table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #d0d5dd; border-radius: 8px; }
    th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #e4e7ec; vertical-align: middle; font-size: 14px; }
    th { background: #f2f4f7; font-size: 12.5px; color: #344054; }
    td a { color: #1d4ed8; font-weight: 600; }
    .status { border-radius: 4px; padding: 2px 8px; font-size: 12.5px; background: #eef2f6; color: #1f2937; white-space: nowrap; }
    .status.translating { background: #dbeafe; color: #1e3a8a; }
    .status.approved { background: #d1fae5; color: #064e3b; }
    .status.in_review { background: #fef3c7; color: #78350f; }
    .prog { width: 160px; }
    .prog small { color: #475467; }
    .counts { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .state { padding: 30px; text-align: center; }
    .due.overdue { color: #b42318; font-weight: 600; }
    tr.overdue td:first-child { box-shadow: inset 3px 0 0 #d92d20; }
    /* A narrow window or 200% zoom: the date column goes, the rest tightens, so the list never scrolls sideways. */
    @media (max-width: 800px) {
      :host { padding: 12px 10px; }
      th, td { padding: 6px; font-size: 13px; }
      th:nth-child(2), td:nth-child(2) { display: none; }
      .prog { width: 72px; }
      td:first-child { overflow-wrap: break-word; }
    }
  `];

  @state() private mine = false;
  @state() private articles: ArticleSummary[] | null = null;
  @state() private error = '';
  @state() private query = '';
  @state() private status = '';
  @state() private importOpen = false;
  /** "Due before" filter (YYYY-MM-DD), or '' for none. */
  @state() private dueBefore = '';

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private refresh: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refresh);
  }

  private async load(): Promise<void> {
    clearTimeout(this.refresh);
    try {
      this.articles = await listArticles();
      this.error = '';
      // While something translates, keep its progress moving.
      if (this.articles.some((a) => a.status === 'translating') && this.isConnected) this.refresh = setTimeout(() => void this.load(), 2000);
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async removeArticle(a: ArticleSummary): Promise<void> {
    if (!confirm(t('confirmDelete', { title: a.title }))) return;
    try {
      await deleteArticle(a.id);
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private renderRow(a: ArticleSummary) {
    const c = a.counts;
    const done = c.total ? (100 * (c.total - c.new - c.failed)) / c.total : 0;
    const approved = c.total ? (100 * c.approved) / c.total : 0;
    const late = isOverdue(a);
    return html`<tr data-id=${a.id} class=${late ? 'overdue' : ''}>
      <td><a href=${`/articles/${encodeURIComponent(a.id)}`} data-nav lang="vi">${a.title}</a></td>
      <td>${formatDate(a.createdAt)}</td>
      <td><span class="status ${a.status}">${t(`st_${a.status}` as MessageKey)}</span></td>
      <td class="prog"><div class="bar" role="progressbar" aria-label=${t('colProgress')} aria-valuenow=${Math.round(done)} aria-valuemin="0" aria-valuemax="100">
          <span ${cssProps({ width: `${done}%` })}></span></div>
        <small>${Math.round(done)}% · ${Math.round(approved)}% ${t('ss_approved')}</small></td>
      <td class="counts">${c.approved} / ${c.edited} / ${c.flagged} / ${c.failed} <span class="muted">(${c.total})</span></td>
      <td class="people" lang="vi">${a.assignee ?? ''}${a.reviewer ? html` <br><span class="muted">${t('reviewerLabel')}: ${a.reviewer}</span>` : ''}</td>
      <td class="due ${late ? 'overdue' : ''}">${a.dueDate ?? ''}${late ? html` <br><small>${t('overdue')}</small>` : ''}</td>
      <td>${can('reviewer') ? html`<button class="btn small danger" @click=${() => this.removeArticle(a)} aria-label=${`${t('delete')} ${a.title}`}>${t('delete')}</button>` : ''}</td>
    </tr>`;
  }

  private renderList() {
    if (this.error) return html`<div class="state"><p class="error" role="alert">${t('errorPrefix', { message: this.error })}</p><button class="btn" @click=${this.load}>${t('retry')}</button></div>`;
    if (!this.articles) return html`<p class="state muted" role="status">${t('loading')}</p>`;
    if (this.articles.length === 0) return html`<p class="state muted">${t('articlesEmpty')}</p>`;
    const me = currentMe().user?.name;
    const shown = filterAssigned(filterArticles(this.articles, this.query, this.status), { mine: this.mine, me, dueBefore: this.dueBefore });
    if (shown.length === 0) return html`<p class="state muted">${t('articlesNoMatch')}</p>`;
    return html`<table>
      <thead><tr><th scope="col">${t('colTitle')}</th><th scope="col">${t('colDate')}</th><th scope="col">${t('colStatus')}</th>
        <th scope="col">${t('colProgress')}</th><th scope="col">${t('colCounts')}</th><th scope="col">${t('assignee')}</th><th scope="col">${t('dueDate')}</th><th scope="col"><span class="sr-only">${t('delete')}</span></th></tr></thead>
      <tbody>${shown.map((a) => this.renderRow(a))}</tbody></table>`;
  }

  protected override render() {
    return html`
      <div class="head"><h1>${t('articlesHeading')}</h1>
        ${can('translator') ? html`<button class="btn primary" data-action="import" @click=${() => (this.importOpen = true)}>${t('importButton')}</button>` : ''}</div>
      <div class="filters" role="search">
        <div><label for="q">${t('searchLabel')}</label>
          <input id="q" type="search" placeholder=${t('searchPlaceholder')} .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></div>
        <div><label for="st">${t('statusFilterLabel')}</label>
          <select id="st" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.status}>${t('statusAll')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t(`st_${s}` as MessageKey)}</option>`)}
          </select></div>
        <div><label for="due">${t('filterDueBefore')}</label>
          <input id="due" type="date" .value=${this.dueBefore} @change=${(e: Event) => (this.dueBefore = (e.target as HTMLInputElement).value)} /></div>
        ${currentMe().mode === 'accounts' ? html`<div><label><input type="checkbox" .checked=${this.mine} @change=${(e: Event) => (this.mine = (e.target as HTMLInputElement).checked)} /> ${t('filterMine')}</label></div>` : ''}
      </div>
      ${this.renderList()}
      <wb-import-dialog .open=${this.importOpen} @wb-close=${() => (this.importOpen = false)}
        @wb-imported=${(e: CustomEvent<{ article: Article }>) => navigate(`/articles/${encodeURIComponent(e.detail.article.id)}`)}></wb-import-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-articles-view': WbArticlesView;
  }
}
