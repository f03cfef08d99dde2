/** An article's quality report: the reviewers' MQM annotations by category and severity, the score, and a CSV export. */
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { qualityReport, type QualityReport } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { officeStyles } from './office-styles.ts';

@customElement('wb-quality-view')
export class WbQualityView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  @property({ attribute: false }) articleId = '';
  @state() private report: QualityReport | null = null;
  @state() private error = '';

  constructor() {
    super();
    new LangController(this);
  }

  // Not in connectedCallback: the view is loaded lazily, and a property set before the upgrade arrives only with the
  // first update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('articleId') && this.articleId) qualityReport(this.articleId).then((r) => (this.report = r), (e: Error) => (this.error = e.message));
  }

  protected override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const r = this.report;
    if (!r) return html`<p class="muted" role="status">${t('loading')}</p>`;
    return html`<h1>${t('qualityHeading', { title: r.title })}</h1>
      <p class="score">${t('qualityScore', { score: r.scorePer1000.toFixed(1) })}</p>
      <p>${t('qualityErrors', { errors: r.errors, penalty: r.penalty, words: r.sourceWords })}</p>
      <p>${t('qualityUnchanged', { n: r.approvedUnchanged, total: r.approved, pct: Math.round(r.approvedUnchangedShare * 100) })}</p>
      <a class="btn" href=${`/api/articles/${encodeURIComponent(r.articleId)}/quality?format=csv`} download>${t('qualityCsv')}</a>
      ${r.byCategory.length ? html`<table class="categories">
        <thead><tr><th>${t('annotateCategory')}</th><th>minor</th><th>major</th><th>critical</th></tr></thead>
        <tbody>${r.byCategory.map((c) => html`<tr><td>${c.category}</td><td class="num">${c.minor}</td><td class="num">${c.major}</td><td class="num">${c.critical}</td></tr>`)}</tbody>
      </table>
      <h2>${t('colChange')}</h2>
      <table class="annotations"><tbody>${r.annotations.map((a) => html`<tr>
        <td>${a.category}</td><td>${a.severity}</td><td>${a.note ?? ''}</td><td>${a.reviewer}</td><td>${formatDate(a.at)}</td>
        <td class="change">${a.before ?? ''}\n→ ${a.after ?? ''}</td></tr>`)}</tbody></table>` : html`<p class="muted">${t('qualityNoErrors')}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-quality-view': WbQualityView;
  }
}
