/**
 * Download links for an article's exports: translation, brief and bilingual table, as .docx or Markdown; XLIFF 2.0 /
 * 1.2 and the memory as TMX for CAT tools; and the re-import of an XLIFF file edited elsewhere. The import result says
 * how many segments changed and lists every ignored unit with its reason, so an import that changed nothing never
 * looks like a success; the changes reach the open rows through the article's live events. The interchange files are
 * shown to translators and the re-import to reviewers (the roles the server asks for); a reader sees the documents and
 * the final export.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { exportUrl, finalExport, TMX_URL, type ExportFormat, type ExportKind, type FinalRefusal } from '../api/exports.ts';
import { importXliff, xliffUrl, type XliffImportResult } from '../api/xliff.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { qaMessage, qaTitle } from '../lib/qa-labels.ts';
import { can } from '../lib/session.ts';
import type { MessageKey } from '../lib/messages.ts';
import { dropdownStyles, sharedStyles } from './shared-styles.ts';

const KINDS: Array<[ExportKind, MessageKey]> = [
  ['translation', 'exportTranslation'],
  ['brief', 'exportBrief'],
  ['bilingual', 'exportBilingual'],
];

@customElement('wb-export-menu')
export class WbExportMenu extends LitElement {
  static override styles = [sharedStyles, dropdownStyles, css`
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 600; font-size: 13px; padding: 4px 6px; }
    td { padding: 4px; }
    .interchange { display: flex; flex-wrap: wrap; gap: 6px; padding: 4px 6px; }
    .import { display: block; padding: 6px; font-weight: 400; }
    .result { font-size: 12.5px; margin: 4px 6px; }
    .warning { color: #b54708; font-weight: 600; }
    ul.ignored, ul.refusal { margin: 4px 0 0; padding-left: 18px; max-height: 200px; overflow: auto; }
    .final { padding: 4px 6px; }
    .final .btn { margin-right: 4px; }
    ul.refusal button { background: none; border: none; padding: 0; color: inherit; text-decoration: underline; cursor: pointer; font: inherit; }
  `];

  @property() articleId = '';
  @state() private importResult: XliffImportResult | null = null;
  @state() private importError = '';
  @state() private refusal: FinalRefusal | null = null;
  @state() private finalError = '';
  @state() private finalBusy = false;

  /**
   * A final export is fetched, not linked: the server refuses it (409) while segments are unreviewed or QA errors
   * remain, and a plain link would download that refusal as a file. The refusal's list is shown here instead, each
   * segment a link into the editor.
   */
  private async onFinal(kind: ExportKind, format: ExportFormat): Promise<void> {
    this.refusal = null;
    this.finalError = '';
    this.finalBusy = true;
    try {
      const r = await finalExport(this.articleId, format, kind);
      if (!r.ok) {
        this.refusal = r.refusal;
        return;
      }
      const href = URL.createObjectURL(r.blob);
      const a = Object.assign(document.createElement('a'), { href, download: r.filename });
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (err) {
      this.finalError = (err as Error).message;
    } finally {
      this.finalBusy = false;
    }
  }

  private gotoSegment(segmentId: string): void {
    this.dispatchEvent(new CustomEvent('wb-goto-segment', { detail: { id: segmentId }, bubbles: true, composed: true }));
  }

  private renderRefusal() {
    if (this.finalError) return html`<p class="result error" role="alert">${t('errorPrefix', { message: this.finalError })}</p>`;
    const r = this.refusal;
    if (!r) return nothing;
    const link = (id: string, index: number) => html`<button type="button" data-goto=${index + 1} @click=${() => this.gotoSegment(id)}>${t('segmentNumber', { n: index + 1 })}</button>`;
    // Every segment approved but the brief is not: the server's message says so (there is no segment to link).
    if (r.kind === 'not-final' && r.segments.length === 0) return html`<p class="result" role="alert" data-refusal="not-final">${r.message}</p>`;
    if (r.kind === 'not-final') {
      return html`<div class="result" role="alert" data-refusal="not-final"><p>${t('finalNotReviewed', { count: r.segments.length })}</p>
        <ul class="refusal">${r.segments.map((s) => html`<li>${link(s.segmentId, s.segmentIndex)}</li>`)}</ul></div>`;
    }
    return html`<div class="result" role="alert" data-refusal="qa"><p>${t('finalQaErrors', { count: r.issues.length })}</p>
      <ul class="refusal">${r.issues.map((i) => html`<li>${link(i.segmentId, i.segmentIndex)}: <span title=${i.code}>${qaTitle(i.code)}</span> – ${qaMessage(i)}</li>`)}</ul></div>`;
  }

  private async onImport(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importResult = null;
    this.importError = '';
    try {
      this.importResult = await importXliff(this.articleId, file, file.name);
    } catch (err) {
      this.importError = (err as Error).message;
    } finally {
      input.value = '';
    }
  }

  constructor() {
    super();
    new LangController(this);
  }

  private renderImportResult() {
    const r = this.importResult;
    if (this.importError) return html`<p class="result error" role="alert">${t('errorPrefix', { message: this.importError })}</p>`;
    if (!r) return nothing;
    return html`<div class="result" role="status">
      <p>${t('xliffImported', { updated: r.updated.length, unchanged: r.unchanged, ignored: r.ignored.length })}</p>
      ${r.warning ? html`<p class="warning">${r.warning}</p>` : nothing}
      ${r.ignored.length
        ? html`<p>${t('xliffIgnoredHeading')}</p><ul class="ignored">${r.ignored.map((i) => html`<li data-reason=${i.reason}>${i.message}</li>`)}</ul>`
        : nothing}
    </div>`;
  }

  protected override render() {
    return html`<details>
      <summary class="btn">${t('exportHeading')} ▾</summary>
      <div class="menu"><table>
        ${KINDS.map(([kind, label]) => html`<tr><th scope="row">${t(label)}</th>
          <td><a class="btn small" data-export=${`${kind}-docx`} href=${exportUrl(this.articleId, 'docx', kind)} download>.docx</a></td>
          <td><a class="btn small" data-export=${`${kind}-md`} href=${exportUrl(this.articleId, 'md', kind)} download>.md</a></td></tr>`)}
      </table>
      <div class="final" aria-label=${t('exportFinal')}><strong>${t('exportFinal')}</strong>
        ${KINDS.filter(([kind]) => kind !== 'brief').map(([kind, label]) => html`<button type="button" class="btn small" ?disabled=${this.finalBusy}
          data-final=${`${kind}-docx`} @click=${() => this.onFinal(kind, 'docx')}>${t(label)} .docx</button>`)}
        ${this.renderRefusal()}
      </div>
      ${can('translator') ? html`<h3 class="sr-only">${t('exportInterchange')}</h3>
        <div class="interchange" aria-label=${t('exportInterchange')}>
          <a class="btn small" data-export="xliff-2.0" href=${xliffUrl(this.articleId, '2.0')} download>${t('exportXliff2')}</a>
          <a class="btn small" data-export="xliff-1.2" href=${xliffUrl(this.articleId, '1.2')} download>${t('exportXliff12')}</a>
          <a class="btn small" data-export="tmx" href=${TMX_URL} download>${t('exportTmx')}</a>
        </div>` : nothing}
      ${can('reviewer') ? html`<label class="import">${t('importXliff')}
          <input id="xliff-file" type="file" data-action="import-xliff" accept=".xlf,.xliff,.sdlxliff,.mqxliff,.xml,application/x-xliff+xml" @change=${this.onImport}></label>
        ${this.renderImportResult()}` : nothing}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-export-menu': WbExportMenu;
  }
}
