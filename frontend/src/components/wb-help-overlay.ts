/** The keyboard shortcut list, opened with `?`. Set `open` to show it; fires `wb-close` when dismissed. */
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { sharedStyles } from './shared-styles.ts';
import { syncModal } from '../lib/modal.ts';

const SHORTCUTS: Array<[string, MessageKey]> = [
  ['Ctrl + Enter', 'keyApprove'],
  ['Alt + ↑ / Alt + ↓', 'keyMove'],
  ['Alt + Shift + ↑ / Alt + Shift + ↓', 'keyOpen'],
  ['Alt + PageUp / Alt + PageDown', 'keyQa'],
  ['Ctrl + G', 'keyGoto'],
  ['Ctrl + Shift + S', 'keyCopy'],
  ['Ctrl + Shift + X', 'keyDiff'],
  ['?', 'keyHelp'],
];

@customElement('wb-help-overlay')
export class WbHelpOverlay extends LitElement {
  static override styles = [sharedStyles, css`
    dialog { width: min(560px, 92vw); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e7ec; }
    kbd { font-family: ui-monospace, monospace; background: #f2f4f7; border: 1px solid #d0d5dd; border-radius: 4px; padding: 1px 5px; }
  `];

  @property({ type: Boolean }) open = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override updated(): void {
    syncModal(this.dialog, this.open);
  }

  private close(): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent('wb-close', { bubbles: true, composed: true }));
  }

  protected override render() {
    return html`<dialog aria-labelledby="help-h" @close=${() => this.open && this.close()}>
      <header><h2 id="help-h">${t('helpHeading')}</h2>
        <button class="btn small" @click=${this.close}>${t('close')}</button></header>
      <div class="body"><table>
        ${SHORTCUTS.map(([keys, label]) => html`<tr><th scope="row"><kbd>${keys}</kbd></th><td>${t(label)}</td></tr>`)}
      </table></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-help-overlay': WbHelpOverlay;
  }
}
