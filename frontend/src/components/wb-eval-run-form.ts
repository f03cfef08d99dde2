/**
 * The Evaluations page's "New run" form: a dataset (the editors' corrections, the NTREX dev set or an uploaded JSONL),
 * prompt versions, models and an item limit; then a progress bar with counts and failures, a cancel button, and the
 * saved run opens when it is done (at /evals/:id, like a run saved by `npm run eval -- --save`).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cancelEvalRun, followEvalRun, getEvalRunOptions, listEvalRuns, startEvalRun, type EvalRunOptions, type EvalRunRequest, type EvalRunState } from '../api/eval-runs.ts';
import { sharedStyles } from './shared-styles.ts';
import { cssProps } from '../lib/css-props.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { navigate } from '../lib/router.ts';

type DatasetKind = EvalRunRequest['dataset']['kind'];

@customElement('wb-eval-run-form')
export class WbEvalRunForm extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; padding: 14px 18px; margin-bottom: 18px; }
    h2 { font-size: 17px; margin: 0 0 10px; }
    fieldset { border: 0; padding: 0; margin: 0 0 12px; }
    legend { font-size: 13px; font-weight: 600; color: #344054; margin-bottom: 4px; }
    .choice { display: block; font-weight: 400; font-size: 14px; margin: 3px 0; }
    .row { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
    .field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; }
    textarea { width: 260px; height: 3.2em; }
    input[type='number'] { width: 120px; font: inherit; padding: 6px 8px; border: 1px solid #98a2b3; border-radius: 6px; }
    .hint { font-size: 12.5px; margin: 4px 0 0 22px; }
    .bar { height: 10px; background: #e4e7ec; border-radius: 5px; overflow: hidden; margin: 8px 0; max-width: 520px; }
    .bar span { display: block; height: 100%; background: #1d4ed8; }
    .actions { display: flex; gap: 8px; margin-top: 6px; }
  `];

  @state() private options: EvalRunOptions | null = null;
  @state() private kind: DatasetKind = 'ntrex-dev';
  @state() private prompts = new Set<string>();
  @state() private models = '';
  @state() private limit = '20';
  @state() private file: File | null = null;
  @state() private run: EvalRunState | null = null;
  @state() private busy = false;
  @state() private error = '';
  private follow?: AbortController;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    getEvalRunOptions().then(
      (o) => {
        this.options = o;
        this.prompts = new Set(o.prompts.filter((p) => p.active).map((p) => p.ref));
        this.models = o.models.join('\n');
        if (o.datasets.find((d) => d.kind === 'corrections')?.items) this.kind = 'corrections';
      },
      (e: Error) => (this.error = e.message),
    );
    // a run still going (started before a reload, or by someone else) is followed instead of offering a new one
    listEvalRuns().then((runs) => {
      const running = runs.find((r) => r.status === 'running');
      if (running && !this.run) void this.watch(running);
    }, () => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.follow?.abort();
  }

  private togglePrompt(ref: string, on: boolean) {
    const next = new Set(this.prompts);
    if (on) next.add(ref);
    else next.delete(ref);
    this.prompts = next;
  }

  private async start(e: Event) {
    e.preventDefault();
    this.error = '';
    const prompts = this.options!.prompts.map((p) => p.ref).filter((r) => this.prompts.has(r));
    if (!prompts.length) return void (this.error = t('evalStartNeedPrompt'));
    if (this.kind === 'upload' && !this.file) return void (this.error = t('evalStartNeedFile'));
    const models = this.models.split(/[\n,]/).map((m) => m.trim()).filter(Boolean);
    const limit = Number(this.limit);
    const dataset: EvalRunRequest['dataset'] =
      this.kind === 'upload' ? { kind: 'upload', name: this.file!.name, jsonl: await this.file!.text() } : { kind: this.kind };
    this.busy = true;
    try {
      await this.watch(await startEvalRun({ dataset, prompts, ...(models.length ? { models } : {}), ...(this.limit.trim() && limit > 0 ? { limit } : {}) }));
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  /** Show the run's progress until it ends; a saved run opens. */
  private async watch(run: EvalRunState) {
    this.run = run;
    this.follow = new AbortController();
    try {
      const last = await followEvalRun(run.id, (r) => (this.run = r), this.follow.signal);
      if (last?.status === 'done' && last.evalId) navigate(`/evals/${encodeURIComponent(last.evalId)}`);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.error = (err as Error).message;
    }
  }

  private async cancel() {
    if (!this.run) return;
    try {
      this.run = await cancelEvalRun(this.run.id);
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private renderProgress(run: EvalRunState) {
    const p = run.progress;
    const pct = p.total ? (100 * p.done) / p.total : 0;
    const label = p.total ? t('evalStartProgress', { done: p.done, total: p.total, failed: p.failed, cached: p.cached }) : t('evalStartWaiting');
    return html`<p>${run.dataset} · ${run.prompts.join(', ')} × ${run.models.join(', ')}${run.limit ? ` · ≤ ${run.limit}` : ''}</p>
      <div class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax=${p.total} aria-valuenow=${p.done}><span ${cssProps({ width: `${pct}%` })}></span></div>
      <p class="counts" role="status">${label}</p>
      ${run.status === 'cancelled' ? html`<p class="notice">${t('evalStartCancelled')}</p>` : nothing}
      ${run.status === 'failed' ? html`<p class="error" role="alert">${t('evalStartFailed', { message: run.error ?? '' })}</p>` : nothing}
      <div class="actions">
        ${run.status === 'running'
          ? html`<button class="btn danger" type="button" @click=${() => this.cancel()}>${t('evalStartCancel')}</button>`
          : html`<button class="btn" type="button" @click=${() => (this.run = null)}>${t('evalStartClose')}</button>`}
      </div>`;
  }

  private renderForm(o: EvalRunOptions) {
    const count = (k: DatasetKind) => o.datasets.find((d) => d.kind === k)?.items ?? 0;
    const radio = (k: DatasetKind, label: string) => html`<label class="choice"><input type="radio" name="dataset" value=${k} .checked=${this.kind === k}
      @change=${() => (this.kind = k)} /> ${label}</label>`;
    return html`<form @submit=${(e: Event) => this.start(e)}>
      ${o.modelConfigured ? nothing : html`<p class="error" role="alert">${t('evalStartNoModel')}</p>`}
      <div class="row">
        <fieldset>
          <legend>${t('evalStartDataset')}</legend>
          ${radio('corrections', t('evalStartCorrections', { n: count('corrections') }))}
          ${radio('ntrex-dev', t('evalStartNtrex', { n: count('ntrex-dev') }))}
          ${radio('upload', t('evalStartUpload'))}
          ${this.kind === 'upload'
            ? html`<label class="choice">${t('evalStartFile')} <input type="file" name="file" accept=".jsonl,.ndjson,.txt,application/x-ndjson"
                @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)} /></label>
                <p class="hint muted">${t('evalStartUploadHint')}</p>`
            : nothing}
        </fieldset>
        <fieldset>
          <legend>${t('evalStartPrompts')}</legend>
          ${o.prompts.map((p) => html`<label class="choice"><input type="checkbox" name="prompt" value=${p.ref} .checked=${this.prompts.has(p.ref)}
            @change=${(e: Event) => this.togglePrompt(p.ref, (e.target as HTMLInputElement).checked)} /> ${p.ref}</label>`)}
        </fieldset>
        <div>
          <div class="field"><label for="models">${t('evalStartModels')}</label>
            <textarea id="models" name="models" .value=${this.models} @input=${(e: Event) => (this.models = (e.target as HTMLTextAreaElement).value)}></textarea></div>
          <div class="field"><label for="limit">${t('evalStartLimit')}</label>
            <input id="limit" name="limit" type="number" min="1" step="1" .value=${this.limit} @input=${(e: Event) => (this.limit = (e.target as HTMLInputElement).value)} /></div>
        </div>
      </div>
      <div class="actions"><button class="btn primary" type="submit" ?disabled=${this.busy || !o.modelConfigured}>${this.busy ? t('evalStartStarting') : t('evalStartStart')}</button></div>
    </form>`;
  }

  protected override render() {
    return html`<h2>${t('evalStartHeading')}</h2>
      ${this.error ? html`<p class="error" role="alert">${t('errorPrefix', { message: this.error })}</p>` : nothing}
      ${this.run ? this.renderProgress(this.run) : this.options ? this.renderForm(this.options) : html`<p class="muted" role="status">${t('loading')}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-eval-run-form': WbEvalRunForm;
  }
}
