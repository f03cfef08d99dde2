/**
 * Shown when the server refuses to confirm or approve a segment because of QA errors (409 ERR_QA_GATE_BLOCKED): the
 * issues, and a reason box. Fires `wb-qa-override` {id, reason} to approve anyway (the reason goes into the segment's
 * history), or `wb-qa-cancel` {id} to go back to editing.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { syncModal } from '../lib/modal.ts';
import type { QaBlocked } from '../lib/segment-store.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-qa-gate-dialog')
export class WbQaGateDialog extends LitElement {
  static override styles = [sharedStyles, css`
    dialog { width: min(640px, 94vw); }
    ul { padding-left: 18px; }
    .qa-error { color: #b42318; }
    .qa-warning { color: #b54708; }
    .code { font-family: ui-monospace, monospace; font-size: 12px; }
    textarea { width: 100%; box-sizing: border-box; min-height: 4em; }
  `];

  @property({ attribute: false }) blocked: QaBlocked | null = null;
  @property({ type: Number }) segmentNumber = 0;
  @state() private reason = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('blocked')) this.reason = '';
    syncModal(this.dialog, Boolean(this.blocked));
  }

  private fire(name: string, extra: Record<string, unknown> = {}): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail: { id: this.blocked!.id, ...extra } }));
  }

  protected override render() {
    const b = this.blocked;
    return html`<dialog aria-labelledby="qa-gate-h" @cancel=${(e: Event) => { e.preventDefault(); if (b) this.fire('wb-qa-cancel'); }}>
      ${b
        ? html`<header><h2 id="qa-gate-h">${t('qaGateHeading')}</h2></header>
          <div class="body">
            <p>${t('qaGateIntro', { n: this.segmentNumber })}</p>
            <p class="muted">${b.message}</p>
            <ul class="issues">${b.issues.map((q) => html`<li class="qa-${q.severity}"><span class="code" title=${q.code}>${q.code}</span> ${q.message}</li>`)}</ul>
            <label for="reason">${t('qaGateReason')}</label>
            <textarea id="reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
          </div>
          <footer>
            <button class="btn" data-action="qa-cancel" @click=${() => this.fire('wb-qa-cancel')}>${t('qaGateBack')}</button>
            <button class="btn primary" data-action="qa-override" ?disabled=${this.reason.trim().length < 3}
              @click=${() => this.fire('wb-qa-override', { reason: this.reason.trim() })}>${t('qaGateOverride')}</button>
          </footer>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-qa-gate-dialog': WbQaGateDialog;
  }
}
