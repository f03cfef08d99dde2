/**
 * Audit pages: the admin's whole trail with filters and a CSV download (`/audit`), and one article's history
 * (`/articles/:id/history`). Every value is rendered as text.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { articleHistory, auditQuery, listAudit, type AuditEntry, type AuditFilter } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { describeChange, officeStyles } from './office-styles.ts';

@customElement('wb-audit-view')
export class WbAuditView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  /** Set: the history of this article; unset: the whole trail. */
  @property({ attribute: false }) articleId: string | null = null;
  @state() private entries: AuditEntry[] | null = null;
  @state() private filter: AuditFilter = {};
  @state() private error = '';

  constructor() {
    super();
    new LangController(this);
  }

  // Loaded on first update, not on connect: a lazily loaded view gets `articleId` only with its first update.
  protected override firstUpdated(): void {
    void this.load();
  }

  private async load() {
    try {
      this.entries = this.articleId ? await articleHistory(this.articleId) : await listAudit(this.filter);
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private onFilter(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    this.filter = { user: get('user'), action: get('action'), from: get('from'), to: get('to') && `${get('to')}T23:59:59.999Z` };
    void this.load();
  }

  private renderFilters() {
    return html`<form @submit=${this.onFilter}>
        <label>${t('auditUser')}<input name="user"></label>
        <label>${t('auditAction')}<input name="action" placeholder="segment.edit"></label>
        <label>${t('auditFrom')}<input name="from" type="date"></label>
        <label>${t('auditTo')}<input name="to" type="date"></label>
        <button class="btn primary" type="submit">${t('auditFilter')}</button>
        <a class="btn" href=${`/api/audit?${auditQuery(this.filter, { format: 'csv', limit: '10000' })}`} download>${t('auditCsv')}</a>
      </form>`;
  }

  protected override render() {
    const title = this.articleId ? t('historyHeading', { title: this.articleId }) : t('auditHeading');
    return html`<h1>${title}</h1>
      ${this.articleId ? '' : this.renderFilters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${!this.entries ? html`<p class="muted" role="status">${t('loading')}</p>` : !this.entries.length ? html`<p class="muted">${t('auditEmpty')}</p>` : html`
      <table>
        <thead><tr><th>${t('colWhen')}</th><th>${t('colWho')}</th><th>${t('colWhere')}</th><th>${t('colWhat')}</th><th>${t('colChange')}</th></tr></thead>
        <tbody>${this.entries.map((e) => html`<tr>
          <td>${formatDate(e.at)}</td><td class="who">${e.user ?? ''}</td><td>${e.address ?? ''}</td>
          <td>${e.action}${e.entityId ? html`<br><span class="muted">${e.entity} ${e.entityId}</span>` : ''}</td>
          <td class="change">${describeChange(e.before, e.after)}</td></tr>`)}</tbody>
      </table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-audit-view': WbAuditView;
  }
}
