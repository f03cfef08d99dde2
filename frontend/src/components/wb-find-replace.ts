/**
 * Find and replace in the English column: the query with case and whole-word options, a preview of every hit (segment
 * number and the words around it), replace all, and one undo for the whole replacement. The editor computes the hits
 * from its texts and does the replacing; this element shows them.
 *
 * Events (bubbling, composed): `wb-find` {query, options}, `wb-replace-all` {query, replacement, options},
 * `wb-undo-replace`, `wb-goto-segment` {id}.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { FindOptions, Hit } from '../lib/find-replace.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { sharedStyles } from './shared-styles.ts';

/** The hits of one segment, with its text for the preview. */
export interface FindResult {
  id: string;
  n: number;
  text: string;
  hits: Hit[];
}

/** Hits previewed at most (the count covers them all). */
const PREVIEW_MAX = 200;
const CONTEXT = 30;

@customElement('wb-find-replace')
export class WbFindReplace extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; border-bottom: 1px solid #d0d5dd; background: #fff; padding: 8px 12px; }
    .controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; }
    .field { display: flex; flex-direction: column; gap: 2px; }
    .check { display: flex; gap: 4px; align-items: center; font-weight: 400; padding-bottom: 5px; }
    input[type='text'] { width: 16em; max-width: 100%; font-size: 13px; padding: 4px 6px; }
    ol { max-height: 180px; overflow: auto; margin: 8px 0 0; padding-left: 0; list-style: none; font-size: 13px; }
    li button { all: unset; cursor: pointer; display: block; padding: 2px 4px; border-radius: 4px; }
    li button:hover, li button:focus-visible { background: #eff8ff; outline: 2px solid #2563eb; }
    mark { background: #fde68a; }
    .num { font-weight: 600; color: #344054; margin-right: 6px; }
    .summary { font-size: 13px; color: #475467; margin: 6px 0 0; }
  `];

  @property({ attribute: false }) results: FindResult[] = [];
  /** Segments the last replace-all changed (0: nothing to undo). */
  @property({ type: Number }) undoCount = 0;
  @query('#find') private findInput!: HTMLInputElement;
  @query('#replace') private replaceInput!: HTMLInputElement;
  @query('#case') private caseBox!: HTMLInputElement;
  @query('#word') private wordBox!: HTMLInputElement;

  constructor() {
    super();
    new LangController(this);
  }

  /** Put the caret in the find box. */
  focusFind(): void {
    this.findInput?.focus();
  }

  private options(): FindOptions {
    return { caseSensitive: this.caseBox.checked, wholeWord: this.wordBox.checked };
  }

  private fire(name: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  private find(): void {
    this.fire('wb-find', { query: this.findInput.value, options: this.options() });
  }

  private preview(r: FindResult, h: Hit) {
    const from = Math.max(0, h.start - CONTEXT);
    const to = Math.min(r.text.length, h.end + CONTEXT);
    return html`${from > 0 ? '…' : ''}${r.text.slice(from, h.start)}<mark>${r.text.slice(h.start, h.end)}</mark>${r.text.slice(h.end, to)}${to < r.text.length ? '…' : ''}`;
  }

  protected override render() {
    const total = this.results.reduce((n, r) => n + r.hits.length, 0);
    const items = this.results.flatMap((r) => r.hits.map((h) => ({ r, h }))).slice(0, PREVIEW_MAX);
    return html`<div class="controls" role="search" aria-label=${t('findOpen')}>
        <div class="field"><label for="find">${t('findLabel')}</label><input type="text" id="find" lang="en" @input=${this.find}></div>
        <div class="field"><label for="replace">${t('replaceLabel')}</label><input type="text" id="replace" lang="en"></div>
        <label class="check"><input type="checkbox" id="case" @change=${this.find}>${t('findCase')}</label>
        <label class="check"><input type="checkbox" id="word" @change=${this.find}>${t('findWord')}</label>
        <button class="btn small primary" data-action="replace-all" ?disabled=${total === 0}
          @click=${() => this.fire('wb-replace-all', { query: this.findInput.value, replacement: this.replaceInput.value, options: this.options() })}>${t('replaceAll')}</button>
        ${this.undoCount ? html`<button class="btn small" data-action="undo-replace" @click=${() => this.fire('wb-undo-replace')}>${t('replaceUndo', { count: this.undoCount })}</button>` : nothing}
      </div>
      ${this.findInput?.value
        ? html`<p class="summary" role="status">${total ? t('findCount', { count: total, segments: this.results.length }) : t('findNone')}</p>
          <ol class="hits">${items.map(({ r, h }) => html`<li><button data-id=${r.id} @click=${() => this.fire('wb-goto-segment', { id: r.id })}><span class="num">${r.n}</span>${this.preview(r, h)}</button></li>`)}</ol>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-find-replace': WbFindReplace;
  }
}
