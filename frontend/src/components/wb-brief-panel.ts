/**
 * The brief of an article: generate (followed over SSE), read, edit and approve. Key points link to the segments
 * they rest on: clicking one fires `wb-goto-segments` with `{ ids }` for the editor to scroll and highlight.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { generateBrief, getBrief, saveBrief, type Brief, type BriefContent, type BriefLength } from '../api/briefs.ts';
import { watchJob } from '../api/jobs.ts';
import { t } from '../lib/i18n.ts';
import { can } from '../lib/session.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-brief-panel')
export class WbBriefPanel extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; font-size: 14px; }
    h2 { font-size: 17px; margin: 0; }
    h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.03em; color: #475467; margin: 14px 0 4px; }
    .head { display: flex; gap: 8px; align-items: center; justify-content: space-between; }
    .gen { display: flex; gap: 6px; align-items: end; margin: 10px 0; flex-wrap: wrap; }
    .headline { font-size: 16px; font-weight: 700; margin: 8px 0 4px; }
    ul { margin: 0; padding-left: 18px; }
    li { margin: 3px 0; }
    .kp { background: none; border: none; padding: 0; font: inherit; text-align: left; color: #1d4ed8; cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
    .refs { font-size: 12px; color: #475467; }
    .state { font-size: 12px; border-radius: 4px; padding: 1px 6px; background: #fef3c7; color: #78350f; }
    .state.ok { background: #d1fae5; color: #064e3b; }
    input[type='text'], textarea { width: 100%; box-sizing: border-box; }
    textarea { min-height: 5em; field-sizing: content; }
    .actions { display: flex; gap: 6px; margin-top: 12px; flex-wrap: wrap; }
  `];

  @property() articleId = '';
  /** Segment id -> 1-based number, to label the links. */
  @property({ attribute: false }) segmentNumbers = new Map<string, number>();
  @state() private brief: Brief | null = null;
  @state() private loading = true;
  @state() private busy = false;
  @state() private error = '';
  @state() private length: BriefLength = 'standard';
  @state() private draft: BriefContent | null = null;
  private abort: AbortController | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.brief = await getBrief(this.articleId);
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private async generate(): Promise<void> {
    this.busy = true;
    this.error = '';
    this.abort = new AbortController();
    try {
      const jobId = await generateBrief(this.articleId, this.length);
      let failure = '';
      const status = await watchJob(jobId, { error: (m) => (failure = m) }, this.abort.signal);
      if (failure) this.error = failure;
      else if (status !== 'cancelled') await this.load();
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async save(approved: boolean): Promise<void> {
    if (!this.brief) return;
    this.busy = true;
    try {
      this.brief = await saveBrief(this.articleId, { content: this.draft ?? this.brief.content, approved, version: this.brief.version });
      this.draft = null;
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
      // Someone saved the brief meanwhile: show theirs, keep this edit open so it can be compared and saved again.
      if ((err as { status?: number }).status === 409) {
        const draft = this.draft ?? structuredClone(this.brief.content);
        await this.load();
        this.draft = draft;
        this.error = t('briefConflict');
      }
    } finally {
      this.busy = false;
    }
  }

  private goto(ids: string[]): void {
    this.dispatchEvent(new CustomEvent('wb-goto-segments', { bubbles: true, composed: true, detail: { ids } }));
  }

  private editField(patch: Partial<BriefContent>): void {
    this.draft = { ...(this.draft ?? this.brief!.content), ...patch };
  }

  private renderView(c: BriefContent) {
    const num = (id: string) => this.segmentNumbers.get(id) ?? '?';
    return html`
      <p class="headline">${c.headline}</p>
      <p>${c.summary}</p>
      <h3>${t('briefKeyPoints')}</h3>
      <ul>${c.keyPoints.map((k) => html`<li>
        ${k.segmentIds.length
          ? html`<button class="kp" @click=${() => this.goto(k.segmentIds)} title=${t('briefSources', { list: k.segmentIds.map(num).join(', ') })}>${k.text}</button>
              <span class="refs">[${k.segmentIds.map(num).join(', ')}]</span>`
          : k.text}</li>`)}</ul>
      ${c.people.length ? html`<h3>${t('briefPeople')}</h3><ul>${c.people.map((p) => html`<li><strong>${p.name}</strong>${p.role ? html` — ${p.role}` : nothing}</li>`)}</ul>` : nothing}
      ${c.organisations.length ? html`<h3>${t('briefOrgs')}</h3><ul>${c.organisations.map((o) => html`<li>${o}</li>`)}</ul>` : nothing}
      ${c.places.length ? html`<h3>${t('briefPlaces')}</h3><p>${c.places.join(', ')}</p>` : nothing}
      ${c.figures.length ? html`<h3>${t('briefFigures')}</h3><ul>${c.figures.map((f) => html`<li>
        ${f.segmentId ? html`<button class="kp" @click=${() => this.goto([f.segmentId!])}>${f.value}${f.unit ? ` ${f.unit}` : ''}</button>` : html`${f.value}${f.unit ? ` ${f.unit}` : ''}`}
        — ${f.measure}</li>`)}</ul>` : nothing}`;
  }

  private renderEdit(c: BriefContent) {
    return html`
      <label for="bh">${t('briefHeadline')}</label>
      <input id="bh" type="text" .value=${c.headline} @input=${(e: Event) => this.editField({ headline: (e.target as HTMLInputElement).value })} />
      <label for="bs">${t('briefSummary')}</label>
      <textarea id="bs" .value=${c.summary} @input=${(e: Event) => this.editField({ summary: (e.target as HTMLTextAreaElement).value })}></textarea>
      <h3>${t('briefKeyPoints')}</h3>
      ${c.keyPoints.map((k, i) => html`<label class="sr-only" for=${`kp${i}`}>${t('briefKeyPoints')} ${i + 1}</label>
        <textarea id=${`kp${i}`} .value=${k.text} @input=${(e: Event) => {
          const keyPoints = c.keyPoints.map((x, j) => (j === i ? { ...x, text: (e.target as HTMLTextAreaElement).value } : x));
          this.editField({ keyPoints });
        }}></textarea>`)}`;
  }

  protected override render() {
    const b = this.brief;
    return html`
      <div class="head">
        <h2>${t('briefHeading')}</h2>
        ${b ? html`<span class="state ${b.approved ? 'ok' : ''}">${b.approved ? t('briefApproved') : t('briefDraft')}</span>` : nothing}
      </div>
      <div class="gen">
        <div><label for="blen">${t('briefLength')}</label><br />
          <select id="blen" .value=${this.length} @change=${(e: Event) => (this.length = (e.target as HTMLSelectElement).value as BriefLength)}>
            ${(['short', 'standard', 'detailed'] as const).map((l) => html`<option value=${l} ?selected=${l === this.length}>${t(`len_${l}` as MessageKey)}</option>`)}
          </select></div>
        <button class="btn primary" ?disabled=${this.busy || !can('translator')} @click=${this.generate}>${b ? t('briefRegenerate') : t('briefGenerate')}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.busy ? html`<p class="notice" role="status">${t('briefGenerating')}</p>` : nothing}
      ${this.loading ? html`<p class="muted">${t('loading')}</p>` : !b ? html`<p class="muted">${t('briefEmpty')}</p>` : html`
        ${this.draft ? this.renderEdit(this.draft) : this.renderView(b.content)}
        <div class="actions">
          ${this.draft
            ? html`<button class="btn" @click=${() => (this.draft = null)}>${t('cancel')}</button>
                <button class="btn" ?disabled=${this.busy} @click=${() => this.save(false)}>${t('save')}</button>`
            : can(b.approved ? 'reviewer' : 'translator') ? html`<button class="btn" @click=${() => (this.draft = structuredClone(b.content))}>${t('briefEdit')}</button>` : nothing}
          ${can('reviewer') ? html`<button class="btn primary" ?disabled=${this.busy || (b.approved && !this.draft)} @click=${() => this.save(true)}>${t('briefApprove')}</button>` : nothing}
        </div>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-brief-panel': WbBriefPanel;
  }
}
