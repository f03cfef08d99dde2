/**
 * One segment as a row of three aligned columns: Vietnamese source | machine translation | editable English.
 * The row owns its textarea; typing re-renders only this row and tells the editor through `wb-edit` events.
 *
 * Events (bubbling, composed; detail `{ id }` plus): `wb-edit` {text}, `wb-approve`, `wb-undo`, `wb-copy-mt`,
 * `wb-retry`, `wb-row-focus`; `wb-use-tm` {text} comes from the translation-memory matches shown under the edit;
 * `wb-annotate` {annotations} when a reviewer records the error they corrected in a confirmed translation.
 * `wb-approve` means "approve" for a reviewer and "confirm" for a translator (the editor decides which).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Segment } from '../../../backend/src/schemas/article.ts';
import type { TmMatch } from '../api/tm.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { MQM_CATEGORY_OPTIONS, MQM_SEVERITY_OPTIONS } from '../lib/mqm-labels.ts';
import { can } from '../lib/session.ts';
import type { MessageKey } from '../lib/messages.ts';
import type { SaveState } from '../lib/segment-store.ts';
import { qaMessage, qaTitle } from '../lib/qa-labels.ts';
import { alignedPieces, piecesFromSpans, type Piece } from '../lib/sentences.ts';
import { editRatio, wordDiff } from '../lib/word-diff.ts';
import { rowStyles } from './wb-segment-row.styles.ts';
import './wb-tm-matches.ts';

const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

/**
 * Visible lines for a text in the edit column (about 60 characters a line), so the box fits its content without
 * `field-sizing: content`, which doubled the layout cost of the first render.
 */
export function rowsFor(text: string): number {
  let lines = 0;
  for (const para of text.split('\n')) lines += Math.max(1, Math.ceil(para.length / 60));
  return Math.min(24, Math.max(3, lines + 1));
}

@customElement('wb-segment-row')
export class WbSegmentRow extends LitElement {
  static override styles = rowStyles;

  @property({ attribute: false }) segment!: Segment;
  /** The text in the edit box (draft or saved). */
  @property({ attribute: false }) text = '';
  @property({ attribute: false }) saveState: SaveState = 'saved';
  @property({ attribute: false }) saveError: string | null = null;
  @property({ type: Boolean }) canUndo = false;
  /** The server asked for an MQM annotation before it saves this change (ERR_REVIEW_ANNOTATION_REQUIRED). */
  @property({ type: Boolean }) needsAnnotation = false;
  @property({ type: Boolean, reflect: true }) linked = false;
  /** Translation-memory matches, set by the editor when the row is focused; null shows none. */
  @property({ attribute: false }) tm: TmMatch[] | 'loading' | null = null;
  @property({ type: Boolean, reflect: true, attribute: 'show-diff' }) showDiff = false;
  @state() private hoverN = -1;
  @query('textarea') private textarea?: HTMLTextAreaElement;

  /**
   * Sentence pieces are cut on the first hover only, once the pointer rests on the row: 300 rows of sentence splitting
   * would slow the first render, and rows passing under a still pointer while the list scrolls would slow scrolling.
   */
  @state() private hovered = false;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;

  private onPointerEnter(): void {
    if (this.hovered) return;
    clearTimeout(this.hoverTimer);
    this.hoverTimer = setTimeout(() => (this.hovered = true), 150);
  }

  private onPointerLeave(): void {
    clearTimeout(this.hoverTimer);
    this.hoverN = -1;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.hoverTimer);
  }
  private sourcePieces: Piece[] | null = null;
  private mtPieces: Piece[] | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The server stores NFC; when a save echoes back the same text in NFC, keep the box (and the caret) as typed.
    const box = this.textarea;
    if (changed.has('text') && box && box.value !== this.text && box.value.normalize('NFC') === this.text.normalize('NFC')) this.text = box.value;
    if (changed.has('segment')) {
      this.dataset.id = this.segment.id;
      this.dataset.status = this.segment.status;
      this.sourcePieces = null;
      this.mtPieces = null;
    }
    if (this.hovered && !this.sourcePieces) {
      const s = this.segment;
      this.sourcePieces = piecesFromSpans(s.source, s.sentences.length ? s.sentences : [{ start: 0, end: s.source.length }]);
      this.mtPieces = alignedPieces(s.machineTranslation ?? '', s.sentences.length);
    }
  }

  /** Put the caret in the edit box and bring the row into view. */
  focusEdit(): void {
    this.scrollIntoView({ block: 'center' });
    this.textarea?.focus({ preventScroll: true });
  }

  private fire(name: string, extra: Record<string, unknown> = {}): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: { id: this.segment.id, ...extra } }));
  }

  private onInput(e: InputEvent): void {
    this.text = (e.target as HTMLTextAreaElement).value;
    this.fire('wb-edit', { text: this.text });
  }

  private onHover(e: Event): void {
    const n = Number((e.target as HTMLElement).closest?.('[data-n]')?.getAttribute('data-n') ?? -1);
    if (n !== this.hoverN) this.hoverN = n;
  }

  private pieces(pieces: Piece[] | null, text: string) {
    if (!pieces) return text;
    return pieces.map((p) => (p.n < 0 ? p.text : html`<span data-n=${p.n} class=${p.n === this.hoverN ? 's hl' : 's'}>${p.text}</span>`));
  }

  private mtTitle(): string {
    const s = this.segment;
    if (s.origin === 'memory') return t('mtMemory');
    const r = s.mtRun;
    if (!r) return '';
    return t('mtInfo', { model: r.model, prompt: r.promptId, version: r.promptVersion, time: formatDate(r.createdAt) });
  }

  private saveLabel(): string {
    switch (this.saveState) {
      case 'dirty': return t('saveDirty');
      case 'saving': return t('saveSaving');
      case 'conflict': return t('saveConflict');
      case 'blocked': return t('saveBlocked');
      case 'error': return t('saveError', { message: this.saveError ?? '' });
      default: return this.segment.translation ? t('saveSaved') : '';
    }
  }

  private renderMt() {
    const s = this.segment;
    if (s.status === 'failed' && !s.machineTranslation) {
      return html`<div class="failed" role="alert">${t('segmentFailed', { message: s.error ?? '' })}
        <button class="btn small" @click=${() => this.fire('wb-retry')}>${t('retrySegment')}</button></div>`;
    }
    // A memory match fills the edit without a model call, so there is no machine translation to show.
    if (!s.machineTranslation) return html`<span class="muted">${s.origin === 'memory' ? t('mtMemory') : t('noMt')}</span>`;
    return this.pieces(this.mtPieces, s.machineTranslation);
  }

  private renderDiff() {
    const parts = wordDiff(this.segment.machineTranslation ?? '', this.text);
    return html`<div class="diff" aria-label=${t('showDiff')}>
      ${parts.map((p) => (p.op === 'same' ? p.text : p.op === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`))}
      <span class="ratio">${t('editedRatio', { pct: Math.round(editRatio(parts) * 100) })}</span>
    </div>`;
  }

  /** QA issues inline; beyond three the rest fold away so one noisy segment does not push the others off screen. */
  private renderQa() {
    const issue = (q: Segment['qa'][number]) => html`<li class="qa-${q.severity}" title=${q.code}><strong class="qa-title">${qaTitle(q.code)}</strong> ${qaMessage(q)}</li>`;
    const qa = [...this.segment.qa].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
    return html`<ul class="qa">${qa.slice(0, 3).map(issue)}</ul>
      ${qa.length > 3 ? html`<details class="more"><summary>${t('qaMore', { count: qa.length - 3 })}</summary><ul class="qa">${qa.slice(3).map(issue)}</ul></details>` : nothing}`;
  }

  private onAnnotate(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const note = String(data.get('note') ?? '').trim();
    this.fire('wb-annotate', { annotations: [{ category: data.get('category'), severity: data.get('severity'), ...(note ? { note } : {}) }] });
  }

  private renderAnnotation() {
    return html`<form class="annotate" @submit=${this.onAnnotate} aria-label=${t('annotateHeading')}>
      <p>${t('annotateHeading')}</p>
      <label>${t('annotateCategory')} <select name="category">${MQM_CATEGORY_OPTIONS.map((c) => html`<option value=${c}>${c}</option>`)}</select></label>
      <label>${t('annotateSeverity')} <select name="severity">${MQM_SEVERITY_OPTIONS.map((c) => html`<option value=${c}>${c}</option>`)}</select></label>
      <label>${t('annotateNote')} <input name="note" maxlength="2000"></label>
      <button class="btn small primary" type="submit">${t('annotateSave')}</button>
    </form>`;
  }

  protected override render() {
    const s = this.segment;
    const n = s.index + 1;
    const reviewer = can('reviewer');
    const approved = (s.status === 'approved' || (!reviewer && s.status === 'confirmed')) && this.saveState === 'saved';
    const doneLabel = s.status === 'approved' ? t('approved') : t('confirmed');
    const readOnly = !can('translator') || (!reviewer && s.status === 'approved');
    return html`
      <div class="row" role="group" aria-label=${t('segmentLabel', { n, kind: t(`k_${s.kind}` as MessageKey), status: t(`ss_${s.status}` as MessageKey) })} @pointerenter=${this.onPointerEnter} @mouseover=${this.onHover} @pointerleave=${this.onPointerLeave} @focusin=${() => this.fire('wb-row-focus')}>
        <div class="meta">
          <span class="num">${n}</span>
          <span class="badge kind k-${s.kind}">${t(`k_${s.kind}` as MessageKey)}</span>
          <span class="badge status s-${s.status}">${t(`ss_${s.status}` as MessageKey)}</span>
          ${s.origin === 'memory' ? html`<span class="badge origin-memory" title=${t('mtMemory')}>${t('fromMemory')}</span>` : nothing}
        </div>
        <div class="src" lang="vi">${this.pieces(this.sourcePieces, s.source)}</div>
        <div class="mt" lang="en" title=${this.mtTitle()}>${this.renderMt()}</div>
        <div class="edit">
          <textarea lang="en" aria-label=${t('editLabel', { n })} rows=${rowsFor(this.text || s.machineTranslation || s.source)} .value=${this.text} ?readonly=${readOnly} @input=${this.onInput} spellcheck="true"></textarea>
          <div class="tools">
            <span class="save save-${this.saveState}" role="status">${this.saveLabel()}</span>
            <button class="btn small" ?disabled=${!this.canUndo} @click=${() => this.fire('wb-undo')} title="Ctrl+Z">${t('undo')}</button>
            <button class="btn small" ?disabled=${!s.machineTranslation} @click=${() => this.fire('wb-copy-mt')} title="Ctrl+Shift+S">${t('copyMt')}</button>
            <button class="btn small" aria-pressed=${this.showDiff ? 'true' : 'false'} ?disabled=${!s.machineTranslation}
              @click=${() => (this.showDiff = !this.showDiff)} title="Ctrl+Shift+X">${this.showDiff ? t('hideDiff') : t('showDiff')}</button>
            ${can('translator') ? html`<button class="btn small primary ${approved ? 'done' : ''}" ?disabled=${approved || !this.text.trim()} @click=${() => this.fire('wb-approve')} title="Ctrl+Enter">
              ${approved ? doneLabel : reviewer ? t('approve') : t('confirm')}</button>` : nothing}
          </div>
          ${this.needsAnnotation ? this.renderAnnotation() : nothing}
          ${this.showDiff && s.machineTranslation ? this.renderDiff() : nothing}
          ${s.qa.length ? this.renderQa() : nothing}
          ${this.tm ? html`<wb-tm-matches .segmentId=${s.id} .found=${this.tm} .current=${this.text} .source=${s.source}></wb-tm-matches>` : nothing}
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-segment-row': WbSegmentRow;
  }
}
