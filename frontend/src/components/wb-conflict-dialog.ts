/**
 * Shown when a save met a newer version on the server (409). Both texts side by side with a word diff, and a
 * merge box; the editor decides. Fires `wb-resolve` with `{ choice: 'theirs' | 'mine' | 'merged', text }`.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { Conflict } from '../lib/segment-store.ts';
import { wordDiff } from '../lib/word-diff.ts';
import { sharedStyles } from './shared-styles.ts';
import { css } from 'lit';
import { syncModal } from '../lib/modal.ts';

@customElement('wb-conflict-dialog')
export class WbConflictDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog { width: min(980px, 94vw); }
      .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
      h3 { font-size: 14px; margin: 0 0 6px; }
      .text { white-space: pre-wrap; background: #f9fafb; border: 1px solid #e4e7ec; border-radius: 6px; padding: 8px; min-height: 3em; }
      ins { background: #d1fae5; color: #064e3b; text-decoration: none; }
      del { background: #fee2e2; color: #7f1d1d; }
      textarea { width: 100%; box-sizing: border-box; min-height: 6em; field-sizing: content; }
      .merge { margin-top: 14px; }
    `,
  ];

  @property({ attribute: false }) conflict: Conflict | null = null;
  /** 1-based segment number for the message. */
  @property({ type: Number }) segmentNumber = 0;
  @state() private merged = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conflict') && this.conflict) this.merged = this.conflict.mine;
  }

  protected override updated(): void {
    syncModal(this.dialog, Boolean(this.conflict));
  }

  private resolve(choice: 'theirs' | 'mine' | 'merged'): void {
    const c = this.conflict!;
    const text = choice === 'theirs' ? (c.theirs.translation ?? '') : choice === 'mine' ? c.mine : this.merged;
    this.dispatchEvent(new CustomEvent('wb-resolve', { bubbles: true, composed: true, detail: { id: c.id, choice, text, theirs: c.theirs } }));
  }

  protected override render() {
    const c = this.conflict;
    // Escape must not dismiss the choice silently: it means "keep the server version" only when chosen explicitly.
    return html`<dialog aria-labelledby="conflict-h" @cancel=${(e: Event) => e.preventDefault()}>
      ${c
        ? html`<header><h2 id="conflict-h">${t('conflictHeading')}</h2></header>
            <div class="body">
              <p>${t('conflictIntro', { n: this.segmentNumber })}</p>
              <div class="cols">
                <section>
                  <h3>${t('conflictTheirs', { version: c.theirs.version })}</h3>
                  <div class="text theirs">${c.theirs.translation ?? ''}</div>
                </section>
                <section>
                  <h3>${t('conflictMine')}</h3>
                  <div class="text mine">${wordDiff(c.theirs.translation ?? '', c.mine).map((p) =>
                    p.op === 'same' ? p.text : p.op === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`)}</div>
                </section>
              </div>
              <div class="merge">
                <label for="merged">${t('conflictMerge')}</label>
                <textarea id="merged" .value=${this.merged} @input=${(e: Event) => (this.merged = (e.target as HTMLTextAreaElement).value)}></textarea>
              </div>
            </div>
            <footer>
              <button class="btn" data-choice="theirs" @click=${() => this.resolve('theirs')}>${t('useTheirs')}</button>
              <button class="btn" data-choice="mine" @click=${() => this.resolve('mine')}>${t('useMine')}</button>
              <button class="btn primary" data-choice="merged" @click=${() => this.resolve('merged')}>${t('useMerged')}</button>
            </footer>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-conflict-dialog': WbConflictDialog;
  }
}
