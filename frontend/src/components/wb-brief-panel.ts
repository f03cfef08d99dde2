/**
 * The brief of an article: generate (followed over SSE), read, edit and approve. Key points link to the segments
 * they rest on: clicking one fires `wb-goto-segments` with `{ ids }` for the editor to scroll and highlight.
 * Every part is editable (key points added, removed, reordered and relinked; people, organisations, places,
 * figures). Regenerating adds a draft version: the history lists every version to compare with the current one
 * or restore. Approving while segments have QA errors asks for a reason.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { generateBrief, getBrief, getBriefVersion, listBriefVersions, restoreBriefVersion, saveBrief, type Brief, type BriefContent, type BriefLength, type BriefVersion } from '../api/briefs.ts';
import { watchJob } from '../api/jobs.ts';
import { briefText, lines, move, segmentIdsFromNumbers } from '../lib/brief-edit.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { can } from '../lib/session.ts';
import { wordDiff } from '../lib/word-diff.ts';
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
    .state.failed { background: #fee2e2; color: #7f1d1d; }
    .row { display: flex; gap: 4px; align-items: start; margin: 4px 0; flex-wrap: wrap; }
    .row textarea, .row input { flex: 1 1 12em; min-width: 0; }
    .row input.num { flex: 0 0 6em; }
    .history { margin-top: 16px; }
    .history li { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
    .compare { white-space: pre-wrap; border: 1px solid #d0d5dd; border-radius: 6px; padding: 6px 8px; background: #fcfcfd; }
    .compare del { background: #fee2e2; color: #7f1d1d; }
    .compare ins { background: #dcfce7; color: #14532d; }
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
  @state() private versions: BriefVersion[] = [];
  /** An older version shown against the current one: [its id, the word diff from it to the current brief]. */
  @state() private comparing: { id: string; parts: ReturnType<typeof wordDiff> } | null = null;
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
      this.versions = this.brief ? await listBriefVersions(this.articleId) : [];
      this.comparing = null;
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

  private async save(approved: boolean, qaOverride?: { reason: string }): Promise<void> {
    if (!this.brief) return;
    this.busy = true;
    try {
      this.brief = await saveBrief(this.articleId, { content: this.draft ?? this.brief.content, approved, version: this.brief.version, ...(qaOverride ? { qaOverride } : {}) });
      this.draft = null;
      this.error = '';
      this.versions = await listBriefVersions(this.articleId);
    } catch (err) {
      this.error = (err as Error).message;
      if ((err as { code?: string }).code === 'ERR_QA_GATE_BLOCKED') {
        // The article still has QA errors: approving anyway needs a reason, which the brief keeps.
        const reason = prompt(`${(err as Error).message}\n\n${t('briefOverridePrompt')}`)?.trim();
        this.busy = false;
        if (reason && reason.length >= 3) await this.save(approved, { reason });
        return;
      }
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

  private async compare(v: BriefVersion): Promise<void> {
    if (this.comparing?.id === v.id) {
      this.comparing = null;
      return;
    }
    try {
      const old = await getBriefVersion(this.articleId, v.id);
      this.comparing = { id: v.id, parts: wordDiff(briefText(old.content), briefText(this.brief!.content)) };
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async restore(v: BriefVersion): Promise<void> {
    this.busy = true;
    try {
      this.brief = await restoreBriefVersion(this.articleId, v.id);
      this.draft = null;
      this.versions = await listBriefVersions(this.articleId);
      this.comparing = null;
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private renderHistory() {
    if (this.versions.length < 2) return nothing;
    const stateLabel = (s: BriefVersion['status']) => (s === 'approved' ? t('briefApproved') : s === 'failed' ? t('briefFailed') : t('briefDraft'));
    return html`<details class="history"><summary>${t('briefHistory', { n: this.versions.length })}</summary>
      <ol>${this.versions.map((v) => html`<li data-version=${v.id}>
        <span>${formatDate(v.createdAt)}</span>
        <span class="state ${v.status === 'approved' ? 'ok' : v.status}">${stateLabel(v.status)}</span>
        <span>${v.headline || v.error || ''}</span>
        ${v.current ? html`<em>${t('briefCurrent')}</em>` : html`
          ${v.status === 'failed' ? nothing : html`<button class="btn small" @click=${() => this.compare(v)}>${t('briefCompare')}</button>
            <button class="btn small" ?disabled=${this.busy} @click=${() => this.restore(v)}>${t('briefRestore')}</button>`}`}
      </li>`)}</ol>
      ${this.comparing ? html`<p class="muted">${t('briefCompareNote')}</p><div class="compare" aria-label=${t('briefCompare')}>${this.comparing.parts.map((p) =>
        p.op === 'same' ? p.text : p.op === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`)}</div>` : nothing}
    </details>`;
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
    const numbersOf = (ids: string[]) => ids.map((id) => this.segmentNumbers.get(id) ?? '?').join(', ');
    const links = (typed: string) => segmentIdsFromNumbers(typed, this.segmentNumbers).ids;
    const set = <K extends keyof BriefContent>(key: K, value: BriefContent[K]) => this.editField({ [key]: value } as Partial<BriefContent>);
    const val = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;
    const kps = c.keyPoints;
    return html`
      <label for="bh">${t('briefHeadline')}</label>
      <input id="bh" type="text" .value=${c.headline} @input=${(e: Event) => set('headline', val(e))} />
      <label for="bs">${t('briefSummary')}</label>
      <textarea id="bs" .value=${c.summary} @input=${(e: Event) => set('summary', val(e))}></textarea>
      <h3>${t('briefKeyPoints')}</h3>
      ${kps.map((k, i) => html`<div class="row kp-row">
        <label class="sr-only" for=${`kp${i}`}>${t('briefKeyPoints')} ${i + 1}</label>
        <textarea id=${`kp${i}`} .value=${k.text} @input=${(e: Event) => set('keyPoints', kps.map((x, j) => (j === i ? { ...x, text: val(e) } : x)))}></textarea>
        <input class="num" type="text" aria-label=${t('briefLinks', { n: i + 1 })} title=${t('briefLinks', { n: i + 1 })} .value=${numbersOf(k.segmentIds)}
          @change=${(e: Event) => set('keyPoints', kps.map((x, j) => (j === i ? { ...x, segmentIds: links(val(e)) } : x)))} />
        <button class="btn small" aria-label=${t('briefUp', { n: i + 1 })} ?disabled=${i === 0} @click=${() => set('keyPoints', move(kps, i, -1))}>↑</button>
        <button class="btn small" aria-label=${t('briefDown', { n: i + 1 })} ?disabled=${i === kps.length - 1} @click=${() => set('keyPoints', move(kps, i, 1))}>↓</button>
        <button class="btn small" aria-label=${t('briefRemove', { n: i + 1 })} @click=${() => set('keyPoints', kps.filter((_, j) => j !== i))}>✕</button>
      </div>`)}
      <button class="btn small" @click=${() => set('keyPoints', [...kps, { text: '', segmentIds: [] }])}>${t('briefAddPoint')}</button>
      <h3>${t('briefPeople')}</h3>
      ${c.people.map((p, i) => html`<div class="row">
        <input type="text" aria-label=${t('briefPersonName', { n: i + 1 })} .value=${p.name} @input=${(e: Event) => set('people', c.people.map((x, j) => (j === i ? { ...x, name: val(e) } : x)))} />
        <input type="text" aria-label=${t('briefPersonRole', { n: i + 1 })} .value=${p.role} @input=${(e: Event) => set('people', c.people.map((x, j) => (j === i ? { ...x, role: val(e) } : x)))} />
        <button class="btn small" aria-label=${t('briefRemove', { n: i + 1 })} @click=${() => set('people', c.people.filter((_, j) => j !== i))}>✕</button>
      </div>`)}
      <button class="btn small" @click=${() => set('people', [...c.people, { name: '', role: '' }])}>${t('briefAddPerson')}</button>
      <label for="borgs"><h3>${t('briefOrgs')}</h3></label>
      <textarea id="borgs" title=${t('briefOnePerLine')} .value=${c.organisations.join('\n')} @change=${(e: Event) => set('organisations', lines(val(e)))}></textarea>
      <label for="bplaces"><h3>${t('briefPlaces')}</h3></label>
      <textarea id="bplaces" title=${t('briefOnePerLine')} .value=${c.places.join('\n')} @change=${(e: Event) => set('places', lines(val(e)))}></textarea>
      <h3>${t('briefFigures')}</h3>
      ${c.figures.map((f, i) => html`<div class="row">
        <input class="num" type="text" aria-label=${t('briefFigureValue', { n: i + 1 })} .value=${String(f.value)} @input=${(e: Event) => set('figures', c.figures.map((x, j) => (j === i ? { ...x, value: val(e) } : x)))} />
        <input class="num" type="text" aria-label=${t('briefFigureUnit', { n: i + 1 })} .value=${f.unit ?? ''} @input=${(e: Event) => set('figures', c.figures.map((x, j) => (j === i ? { ...x, unit: val(e) } : x)))} />
        <input type="text" aria-label=${t('briefFigureMeasure', { n: i + 1 })} .value=${f.measure} @input=${(e: Event) => set('figures', c.figures.map((x, j) => (j === i ? { ...x, measure: val(e) } : x)))} />
        <input class="num" type="text" aria-label=${t('briefLinks', { n: i + 1 })} .value=${f.segmentId ? numbersOf([f.segmentId]) : ''} @change=${(e: Event) => set('figures', c.figures.map((x, j) => (j === i ? { ...x, segmentId: links(val(e))[0] ?? x.segmentId } : x)))} />
        <button class="btn small" aria-label=${t('briefRemove', { n: i + 1 })} @click=${() => set('figures', c.figures.filter((_, j) => j !== i))}>✕</button>
      </div>`)}`;
  }

  protected override render() {
    const b = this.brief;
    return html`
      <div class="head">
        <h2>${t('briefHeading')}</h2>
        ${b ? html`<span class="state ${b.status === 'failed' ? 'failed' : b.approved ? 'ok' : ''}">${b.status === 'failed' ? t('briefFailed') : b.approved ? t('briefApproved') : t('briefDraft')}</span>` : nothing}
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
        ${b.status === 'failed' && !this.draft ? html`<p class="error" role="alert">${t('briefFailedReason', { reason: b.error ?? '' })}</p>` : nothing}
        ${this.draft ? this.renderEdit(this.draft) : this.renderView(b.content)}
        <div class="actions">
          ${this.draft
            ? html`<button class="btn" @click=${() => (this.draft = null)}>${t('cancel')}</button>
                <button class="btn" ?disabled=${this.busy} @click=${() => this.save(false)}>${t('save')}</button>`
            : can(b.approved ? 'reviewer' : 'translator') ? html`<button class="btn" @click=${() => (this.draft = structuredClone(b.content))}>${t('briefEdit')}</button>` : nothing}
          ${can('reviewer') ? html`<button class="btn primary" ?disabled=${this.busy || (b.approved && !this.draft)} @click=${() => this.save(true)}>${t('briefApprove')}</button>` : nothing}
        </div>
        ${this.renderHistory()}`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-brief-panel': WbBriefPanel;
  }
}
