/** Evaluation runs, when the server has them; an empty state otherwise. */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listEvals, type EvalRunSummary } from '../api/evals.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';

@customElement('wb-evals-view')
export class WbEvalsView extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px 20px; max-width: 1280px; margin: 0 auto; }
    h1 { font-size: 22px; }
    table { width: 100%; border-collapse: collapse; background: #fff; }
    th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e4e7ec; font-size: 14px; }
    th { background: #f2f4f7; }
  `];

  @state() private runs: EvalRunSummary[] | null = null;
  @state() private error = '';

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    listEvals().then((r) => (this.runs = r), (e: Error) => (this.error = e.message));
  }

  protected override render() {
    const body = this.error
      ? html`<p class="error" role="alert">${t('errorPrefix', { message: this.error })}</p>`
      : !this.runs
        ? html`<p class="muted" role="status">${t('loading')}</p>`
        : this.runs.length === 0
          ? html`<p class="muted">${t('evalsEmpty')}</p>`
          : html`<table><thead><tr><th>id</th><th>name</th><th>date</th><th>scores</th></tr></thead><tbody>
              ${this.runs.map((r) => html`<tr><td>${r.id}</td><td>${r.name ?? ''}</td><td>${r.createdAt ? formatDate(r.createdAt) : ''}</td>
                <td>${Object.entries(r.scores ?? {}).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(3) : v}`).join(' · ')}</td></tr>`)}
            </tbody></table>`;
    return html`<h1>${t('evalsHeading')}</h1>${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-evals-view': WbEvalsView;
  }
}
