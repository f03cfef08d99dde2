/**
 * Import an article: paste text or upload .txt/.html/.docx. "Check" runs intake without saving and lists what was
 * cut as boilerplate, each with a restore toggle; "Import" saves, asking the server to keep the restored positions.
 * Set `open`; fires `wb-imported` with `{ article }` and `wb-close`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { createArticle, previewArticle, type ImportInput, type ImportPreview } from '../api/articles.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { sharedStyles } from './shared-styles.ts';
import { syncModal } from '../lib/modal.ts';

@customElement('wb-import-dialog')
export class WbImportDialog extends LitElement {
  static override styles = [sharedStyles, css`
    dialog { width: min(860px, 94vw); }
    .tabs { display: flex; gap: 4px; margin-bottom: 12px; }
    .tabs button[aria-selected='true'] { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
    .field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 10px; }
    textarea { min-height: 220px; max-height: 45vh; resize: vertical; }
    .removed { max-height: 220px; overflow: auto; border: 1px solid #e4e7ec; border-radius: 6px; padding: 6px 8px; }
    .removed label { display: flex; gap: 8px; align-items: flex-start; font-weight: 400; padding: 4px 0; border-bottom: 1px solid #f2f4f7; }
    .why { font-size: 12px; color: #475467; }
  `];

  @property({ type: Boolean }) open = false;
  @state() private mode: 'paste' | 'upload' = 'paste';
  @state() private docTitle = '';
  @state() private text = '';
  @state() private file: File | null = null;
  @state() private preview: ImportPreview | null = null;
  @state() private restore = new Set<number>();
  @state() private busy = false;
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override updated(): void {
    syncModal(this.dialog, this.open);
  }

  /** The server's limits (backend/src/app.ts UPLOAD_LIMIT and BODY_LIMIT): checked here so a big file is not sent at all. */
  static readonly MAX_UPLOAD = 10 * 1024 * 1024;
  static readonly MAX_TEXT = 5 * 1024 * 1024;

  private tooLarge(): string {
    if (this.mode === 'upload' && this.file && this.file.size > WbImportDialog.MAX_UPLOAD) {
      return t('importTooLarge', { name: this.file.name, size: (this.file.size / 1024 / 1024).toFixed(1), limit: 10 });
    }
    if (this.mode === 'paste' && new Blob([this.text]).size > WbImportDialog.MAX_TEXT) {
      return t('importTooLarge', { name: '', size: (new Blob([this.text]).size / 1024 / 1024).toFixed(1), limit: 5 });
    }
    return '';
  }

  private input(): ImportInput | null {
    const big = this.tooLarge();
    if (big) {
      this.error = big;
      return null;
    }
    const title = this.docTitle.trim() || undefined;
    if (this.mode === 'paste') return this.text.trim() ? { title, text: this.text } : null;
    return this.file ? { title, file: this.file, fileName: this.file.name } : null;
  }

  private reset(): void {
    this.preview = null;
    this.restore = new Set();
    this.error = '';
  }

  private close(): void {
    this.open = false;
    this.reset();
    this.dispatchEvent(new CustomEvent('wb-close', { bubbles: true, composed: true }));
  }

  private async check(): Promise<void> {
    const input = this.input();
    if (!input) return;
    this.busy = true;
    try {
      this.preview = await previewArticle(input);
      this.restore = new Set();
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async save(): Promise<void> {
    const input = this.input();
    if (!input) return;
    const preview = this.preview;
    const positions = preview ? [...this.restore].map((i) => preview.removed[i]!.position) : [];
    this.busy = true;
    try {
      const article = await createArticle(input, positions);
      this.dispatchEvent(new CustomEvent('wb-imported', { bubbles: true, composed: true, detail: { article } }));
      this.text = '';
      this.docTitle = '';
      this.file = null;
      this.close();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private toggle(i: number, on: boolean): void {
    const next = new Set(this.restore);
    if (on) next.add(i);
    else next.delete(i);
    this.restore = next;
  }

  private renderPreview(p: ImportPreview) {
    return html`<section aria-live="polite">
      <p class="notice">${t('importSegments', { count: p.segments.length })}
        ${p.conversions.length ? html`<br />${t('importConversions', { list: p.conversions.join(', ') })}` : nothing}</p>
      ${p.removed.length
        ? html`<p><strong>${t('importRemoved', { count: p.removed.length })}</strong></p>
            <div class="removed">${p.removed.map((r, i) => html`<label>
              <input type="checkbox" data-restore=${i} .checked=${this.restore.has(i)} @change=${(e: Event) => this.toggle(i, (e.target as HTMLInputElement).checked)} />
              <span><span lang="vi">${r.text}</span><br /><span class="why">${r.reason}</span></span></label>`)}</div>`
        : html`<p class="muted">${t('importNoRemoved')}</p>`}
    </section>`;
  }

  protected override render() {
    const ready = this.input() !== null;
    return html`<dialog aria-labelledby="imp-h" @close=${() => this.open && this.close()}>
      <header><h2 id="imp-h">${t('importHeading')}</h2><button class="btn small" @click=${this.close}>${t('close')}</button></header>
      <div class="body">
        <div class="tabs" role="tablist">
          <button class="btn" role="tab" aria-selected=${this.mode === 'paste' ? 'true' : 'false'} @click=${() => { this.mode = 'paste'; this.reset(); }}>${t('importPaste')}</button>
          <button class="btn" role="tab" aria-selected=${this.mode === 'upload' ? 'true' : 'false'} @click=${() => { this.mode = 'upload'; this.reset(); }}>${t('importUpload')}</button>
        </div>
        <div class="field"><label for="imp-title">${t('importTitleLabel')}</label>
          <input id="imp-title" type="text" .value=${this.docTitle} @input=${(e: Event) => (this.docTitle = (e.target as HTMLInputElement).value)} /></div>
        ${this.mode === 'paste'
          ? html`<div class="field"><label for="imp-text">${t('importTextLabel')}</label>
              <textarea id="imp-text" lang="vi" .value=${this.text} @input=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; this.preview = null; }}></textarea></div>`
          : html`<div class="field"><label for="imp-file">${t('importFileLabel')}</label>
              <input id="imp-file" type="file" accept=".txt,.html,.htm,.docx,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                @change=${(e: Event) => { this.file = (e.target as HTMLInputElement).files?.[0] ?? null; this.preview = null; this.error = this.tooLarge(); }} /></div>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.preview ? this.renderPreview(this.preview) : nothing}
      </div>
      <footer>
        <button class="btn" @click=${this.close}>${t('cancel')}</button>
        <button class="btn" data-action="check" ?disabled=${!ready || this.busy} @click=${this.check}>${t('importPreview')}</button>
        <button class="btn primary" data-action="import" ?disabled=${!ready || this.busy} @click=${this.save}>${t('importSave')}</button>
      </footer>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-import-dialog': WbImportDialog;
  }
}
