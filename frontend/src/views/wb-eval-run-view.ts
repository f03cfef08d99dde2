/**
 * One saved evaluation run at `/evals/:id`: the verdict, the summary and paired comparisons, and the items side by
 * side, sortable by the largest difference between candidates or by id. Items render a page at a time (a report
 * may hold 1,000 items × several candidates, each with a word diff).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getEval, type EvalDetail } from '../api/evals.ts';
import { ApiError } from '../api/http.ts';
import '../components/wb-eval-item.ts';
import '../components/wb-eval-summary.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { fmt, itemRows, significantWinner, sortItems, type EvalReport, type ItemRow, type ItemSort } from '../lib/eval-report.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';

const PAGE = 50;

@customElement('wb-eval-run-view')
export class WbEvalRunView extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px 20px; max-width: 1400px; margin: 0 auto; }
    h1 { font-size: 22px; margin: 8px 0; }
    h2 { font-size: 17px; margin: 20px 0 8px; }
    a.back { color: #1d4ed8; font-size: 14px; }
    .verdict { font-size: 15px; }
    .controls { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
    .more { margin: 6px 0 24px; }
  `];

  @property() runId = '';
  @state() private run: EvalDetail | null = null;
  /** 'not-found', or the message of any other failure; translated when rendered so a language switch applies. */
  @state() private error: { notFound: true } | { message: string } | null = null;
  @state() private sort: ItemSort = 'order';
  @state() private shown = PAGE;
  private rows: ItemRow[] = [];
  private sorted: ItemRow[] = [];
  private abort: AbortController | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('runId')) this.load();
    if (changed.has('sort') || changed.has('run')) this.sorted = sortItems(this.rows, this.sort);
  }

  private load(): void {
    this.abort?.abort();
    const ctl = (this.abort = new AbortController());
    this.run = null;
    this.error = null;
    this.rows = [];
    this.shown = PAGE;
    getEval(this.runId, ctl.signal).then(
      (run) => {
        this.rows = itemRows(run.report as unknown as EvalReport);
        this.run = run;
      },
      (e: Error) => {
        if (ctl.signal.aborted) return;
        this.error = e instanceof ApiError && e.status === 404 ? { notFound: true } : { message: e.message };
      },
    );
  }

  private onSort(e: Event): void {
    this.sort = (e.target as HTMLSelectElement).value as ItemSort;
    this.shown = PAGE;
  }

  private verdict(rep: EvalReport) {
    if (rep.kind === 'brief') return t('evalBriefNote');
    const w = significantWinner(rep);
    if (w) return t('evalVerdictWinner', { label: w.label, score: fmt(w.chrfpp) });
    const best = rep.best ?? (rep.winner ? { label: rep.winner.label, chrfpp: rep.winner.chrfpp ?? NaN } : null);
    if (!best) return t('evalVerdictNone');
    if (rep.runs.filter((r) => r.repeat === 0).length < 2) return t('evalVerdictOne', { score: fmt(best.chrfpp) });
    return t('evalVerdictNoDiff', { label: best.label, score: fmt(best.chrfpp) });
  }

  private renderItems() {
    const total = this.sorted.length;
    if (total === 0) return html`<p class="muted">${t('evalNoItems')}</p>`;
    const page = this.sorted.slice(0, this.shown);
    return html`<div class="controls">
        <label for="sort">${t('evalSort')}</label>
        <select id="sort" @change=${this.onSort}>
          ${(['order', 'spread', 'id'] as const).map((s) => html`<option value=${s} ?selected=${this.sort === s}>${t(s === 'order' ? 'evalSortOrder' : s === 'spread' ? 'evalSortSpread' : 'evalSortId')}</option>`)}
        </select>
        <span class="muted" role="status">${t('evalShown', { shown: page.length, total })}</span>
      </div>
      ${page.map((row) => html`<wb-eval-item .row=${row}></wb-eval-item>`)}
      ${total > this.shown
        ? html`<p class="more"><button class="btn" @click=${() => (this.shown += PAGE)}>${t('evalShowMore', { n: Math.min(PAGE, total - this.shown) })}</button></p>`
        : nothing}`;
  }

  protected override render() {
    const back = html`<a class="back" href="/evals" data-nav>${t('evalBack')}</a>`;
    if (this.error) {
      const msg = 'message' in this.error ? t('errorPrefix', { message: this.error.message }) : t('evalNoSuchRun', { id: this.runId });
      return html`${back}<h1>${t('evalRunHeading')}</h1><p class="error" role="alert">${msg}</p>`;
    }
    const run = this.run;
    if (!run) return html`${back}<h1>${t('evalRunHeading')}</h1><p class="muted" role="status">${t('loading')}</p>`;
    const rep = run.report as unknown as EvalReport;
    return html`${back}<h1>${run.name}</h1>
      <p class="muted">${t('evalMeta', { dataset: run.dataset, items: run.items, date: formatDate(run.createdAt) })}</p>
      <p class="verdict">${this.verdict(rep)}</p>
      <wb-eval-summary .report=${rep}></wb-eval-summary>
      <h2>${t('evalItems')}</h2>
      ${this.renderItems()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-eval-run-view': WbEvalRunView;
  }
}
