/**
 * Shown when a save met a newer version on the server (409): a three-way merge. The text this browser started from,
 * the colleague's saved text (who saved it and when) and this browser's edit, each against the start; the merge box
 * starts with both changes kept where they touch different words, and names the places both changed. Fires
 * `wb-resolve` with `{ choice: 'theirs' | 'mine' | 'merged', text }`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { SegmentEdit } from '../api/segments.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { merge3, type MergeResult } from '../lib/merge3.ts';
import { syncModal } from '../lib/modal.ts';
import type { Conflict } from '../lib/segment-store.ts';
import { wordDiff } from '../lib/word-diff.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-conflict-dialog')
export class WbConflictDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog { width: min(1100px, 96vw); }
      .cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px; }
      h3 { font-size: 14px; margin: 0 0 6px; }
      .text { white-space: pre-wrap; background: #f9fafb; border: 1px solid #e4e7ec; border-radius: 6px; padding: 8px; min-height: 3em; }
      ins { background: #d1fae5; color: #064e3b; text-decoration: none; }
      del { background: #fee2e2; color: #7f1d1d; }
      textarea { width: 100%; box-sizing: border-box; min-height: 6em; field-sizing: content; }
      .merge { margin-top: 14px; }
      .overlaps { background: #fffaeb; border: 1px solid #fedf89; border-radius: 6px; padding: 6px 10px; margin: 8px 0 0; }
    `,
  ];

  @property({ attribute: false }) conflict: Conflict | null = null;
  /** 1-based segment number for the message. */
  @property({ type: Number }) segmentNumber = 0;
  /** The saved change that made the conflict (from the segment history), when known. */
  @property({ attribute: false }) saver: SegmentEdit | null = null;
  @state() private merged = '';
  private result: MergeResult = { text: '', conflicts: [] };
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conflict') && this.conflict) {
      const c = this.conflict;
      this.result = merge3(c.base, c.theirs.translation ?? '', c.mine);
      this.merged = this.result.text;
    }
  }

  protected override updated(): void {
    syncModal(this.dialog, Boolean(this.conflict));
  }

  private resolve(choice: 'theirs' | 'mine' | 'merged'): void {
    const c = this.conflict!;
    const text = choice === 'theirs' ? (c.theirs.translation ?? '') : choice === 'mine' ? c.mine : this.merged;
    this.dispatchEvent(new CustomEvent('wb-resolve', { bubbles: true, composed: true, detail: { id: c.id, choice, text, theirs: c.theirs } }));
  }

  private diff(from: string, to: string) {
    return wordDiff(from, to).map((p) => (p.op === 'same' ? p.text : p.op === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`));
  }

  protected override render() {
    const c = this.conflict;
    const theirs = c?.theirs.translation ?? '';
    const who = this.saver && c && this.saver.version === c.theirs.version
      ? t('conflictTheirsBy', { editor: this.saver.editor, time: formatDate(this.saver.at), version: c.theirs.version })
      : t('conflictTheirs', { version: c?.theirs.version ?? 0 });
    // Escape must not dismiss the choice silently: it means "keep the server version" only when chosen explicitly.
    return html`<dialog aria-labelledby="conflict-h" @cancel=${(e: Event) => e.preventDefault()}>
      ${c
        ? html`<header><h2 id="conflict-h">${t('conflictHeading')}</h2></header>
            <div class="body">
              <p>${t('conflictIntro', { n: this.segmentNumber })}</p>
              <div class="cols">
                <section>
                  <h3>${t('conflictBase')}</h3>
                  <div class="text base">${c.base}</div>
                </section>
                <section>
                  <h3 class="who">${who}</h3>
                  <div class="text theirs">${this.diff(c.base, theirs)}</div>
                </section>
                <section>
                  <h3>${t('conflictMineFromBase')}</h3>
                  <div class="text mine">${this.diff(c.base, c.mine)}</div>
                </section>
              </div>
              <div class="merge">
                <label for="merged">${t('conflictMerge')}</label>
                <textarea id="merged" .value=${this.merged} @input=${(e: Event) => (this.merged = (e.target as HTMLTextAreaElement).value)}></textarea>
                ${this.result.conflicts.length
                  ? html`<div class="overlaps" role="note">${t('conflictOverlaps', { count: this.result.conflicts.length })}
                      <ul>${this.result.conflicts.map((o) => html`<li>${t('conflictOverlap', { theirs: o.theirs, mine: o.mine })}</li>`)}</ul></div>`
                  : html`<p class="muted">${t('conflictClean')}</p>`}
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
