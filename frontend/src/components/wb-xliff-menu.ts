/**
 * XLIFF for CAT tools in the editor header: download the article as XLIFF 2.0 or 1.2, and import the edited file. The
 * result says how many segments changed and lists every ignored unit with its reason, so an import that changed
 * nothing never looks like a success. Fires `wb-xliff-imported` (detail: the result) when segments changed.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { importXliff, xliffUrl, type XliffImportResult } from '../api/xliff.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { dropdownStyles, sharedStyles } from './shared-styles.ts';

@customElement('wb-xliff-menu')
export class WbXliffMenu extends LitElement {
  static override styles = [sharedStyles, dropdownStyles, css`
    .menu { min-width: 300px; max-width: 460px; }
    .row { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
    .file { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .warning { color: #b54708; font-weight: 600; }
    ul { margin: 4px 0 0; padding-left: 18px; max-height: 200px; overflow: auto; font-size: 13px; }
  `];

  @property() articleId = '';
  @state() private busy = false;
  @state() private result: XliffImportResult | null = null;
  @state() private error = '';

  constructor() {
    super();
    new LangController(this);
  }

  private async onFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.busy = true;
    this.error = '';
    this.result = null;
    try {
      this.result = await importXliff(this.articleId, file);
      if (this.result.updated.length) this.dispatchEvent(new CustomEvent('wb-xliff-imported', { detail: this.result, bubbles: true, composed: true }));
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private renderResult() {
    const r = this.result;
    if (this.error) return html`<p class="error" role="alert">${t('errorPrefix', { message: this.error })}</p>`;
    if (!r) return nothing;
    return html`<div role="status">
      <p>${t('xliffImported', { updated: r.updated.length, unchanged: r.unchanged, ignored: r.ignored.length })}</p>
      ${r.warning ? html`<p class="warning">${r.warning}</p>` : nothing}
      ${r.ignored.length
        ? html`<p>${t('xliffIgnoredHeading')}</p><ul class="ignored">${r.ignored.map((i) => html`<li data-reason=${i.reason}>${i.message}</li>`)}</ul>`
        : nothing}
    </div>`;
  }

  protected override render() {
    return html`<details>
      <summary class="btn">XLIFF ▾</summary>
      <div class="menu">
        <div class="row">
          <a class="btn small" data-xliff="2.0" href=${xliffUrl(this.articleId, '2.0')} download>XLIFF 2.0</a>
          <a class="btn small" data-xliff="1.2" href=${xliffUrl(this.articleId, '1.2')} download>XLIFF 1.2</a>
          <input id="xliff-file" class="file" type="file" accept=".xlf,.xliff,.sdlxliff,.mqxliff,.xml" ?disabled=${this.busy} @change=${this.onFile} />
          <label class="btn small" for="xliff-file">${this.busy ? t('xliffImporting') : t('xliffImport')}</label>
        </div>
        ${this.renderResult()}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-xliff-menu': WbXliffMenu;
  }
}
