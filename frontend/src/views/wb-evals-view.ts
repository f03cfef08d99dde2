/**
 * Saved evaluation runs, newest first; each row opens the run's comparison at `/evals/:id`. "New run" starts one on a
 * saved or uploaded dataset without a terminal (wb-eval-run-form).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listEvalRuns } from '../api/eval-runs.ts';
import { listEvals, type EvalListItem } from '../api/evals.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import '../components/wb-eval-run-form.ts';
import { fmt } from '../lib/eval-report.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';

@customElement('wb-evals-view')
export class WbEvalsView extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px 20px; max-width: 1280px; margin: 0 auto; }
    h1 { font-size: 22px; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 12px; }
    table { width: 100%; border-collapse: collapse; background: #fff; }
    th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e4e7ec; font-size: 14px; vertical-align: top; }
    th { background: #f2f4f7; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    a { color: #1d4ed8; }
    .score { display: block; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .win { font-weight: 600; color: #1b6e20; }
    .nowrap { white-space: nowrap; }
  `];

  @state() private runs: EvalListItem[] | null = null;
  @state() private error = '';
  @state() private showForm = false;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listEvals().then((r) => (this.runs = r), (e: Error) => (this.error = e.message));
    // a run still going opens the New run form on its progress
    listEvalRuns().then((r) => r.some((x) => x.status === 'running') && (this.showForm = true), () => undefined);
  }

  /** chrF++ and BLEU per translation run; a brief run's headline score as the server names it. */
  private scores(r: EvalListItem) {
    if (r.kind === 'brief') return Object.entries(r.scores).map(([k, v]) => html`<span class="score">${k} ${fmt(v)}</span>`);
    return r.runs.map((x) => html`<span class="score">${x.label}: chrF++ ${fmt(x.metrics.chrfpp as number)} · BLEU ${fmt(x.metrics.bleu as number)}</span>`);
  }

  private renderRow(r: EvalListItem) {
    const href = `/evals/${encodeURIComponent(r.id)}`;
    return html`<tr>
      <td class="nowrap"><a href=${href} data-nav>${formatDate(r.createdAt)}</a></td>
      <td class="nowrap"><a href=${href} data-nav>${r.dataset.split('/').pop()}</a></td>
      <td>${r.prompts.join(', ')} × ${r.models.join(', ')}</td>
      <td class="num">${r.items}</td>
      <td>${this.scores(r)}</td>
      <td class=${r.winner ? 'win' : 'muted'}>${r.winner ?? t('evalNoSignificant')}</td>
    </tr>`;
  }

  protected override render() {
    const body = this.error
      ? html`<p class="error" role="alert">${t('errorPrefix', { message: this.error })}</p>`
      : !this.runs
        ? html`<p class="muted" role="status">${t('loading')}</p>`
        : this.runs.length === 0
          ? html`<p class="muted">${t('evalsEmpty')}</p>`
          : html`<table><thead><tr><th>${t('evalColDate')}</th><th>${t('evalColDataset')}</th><th>${t('evalColConfigs')}</th>
              <th>${t('evalColItems')}</th><th>${t('evalColScores')}</th><th>${t('evalColWinner')}</th></tr></thead>
              <tbody>${this.runs.map((r) => this.renderRow(r))}</tbody></table>`;
    return html`<div class="head"><h1>${t('evalsHeading')}</h1>
        ${this.showForm ? nothing : html`<button class="btn primary" type="button" @click=${() => (this.showForm = true)}>${t('evalStartNew')}</button>`}</div>
      ${this.showForm ? html`<wb-eval-run-form></wb-eval-run-form>` : nothing}${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-evals-view': WbEvalsView;
  }
}
