/**
 * "Filled N identical segments – Undo" after an approval that filled the article's identical untouched segments
 * (as CAT tools auto-propagate). Undo puts them back through the API; the rows change through the article's live
 * events, like any other save. A segment someone changed since is left alone and counted.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { undoPropagation, type PropagatedItem } from '../api/segments.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-propagation-toast')
export class WbPropagationToast extends LitElement {
  static override styles = [sharedStyles, css`
    :host { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 20; }
    .toast { display: flex; gap: 10px; align-items: center; background: #1d2939; color: #fff; padding: 8px 12px; border-radius: 6px; box-shadow: 0 2px 8px rgb(0 0 0 / 25%); font-size: 14px; }
    .toast .btn { background: #fff; color: #1d2939; }
    .close { background: none; border: none; color: inherit; cursor: pointer; font-size: 16px; }
  `];

  /** The filled segments of the latest approval; an empty list hides the toast. */
  @property({ attribute: false }) items: PropagatedItem[] = [];
  @state() private result = '';
  @state() private busy = false;

  constructor() {
    super();
    new LangController(this);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('items') && this.items.length) this.result = '';
  }

  private async undo(): Promise<void> {
    this.busy = true;
    try {
      const { restored, skipped } = await undoPropagation(this.items);
      this.result = [t('propagatedUndone', { count: restored.length }), skipped.length ? t('propagatedSkipped', { count: skipped.length }) : ''].filter(Boolean).join('; ');
      this.dispatchEvent(new CustomEvent('wb-propagation-done', { bubbles: true, composed: true }));
    } catch (err) {
      this.result = t('errorPrefix', { message: (err as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private close(): void {
    this.result = '';
    this.dispatchEvent(new CustomEvent('wb-propagation-done', { bubbles: true, composed: true }));
  }

  protected override render() {
    if (!this.items.length && !this.result) return nothing;
    return html`<div class="toast" role="status">
      ${this.result
        ? html`<span>${this.result}</span>`
        : html`<span>${t('propagatedFilled', { count: this.items.length })}</span>
          <button class="btn small" data-action="undo-propagation" ?disabled=${this.busy} @click=${this.undo}>${t('propagatedUndo')}</button>`}
      <button class="close" aria-label=${t('close')} @click=${this.close}>×</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-propagation-toast': WbPropagationToast;
  }
}
