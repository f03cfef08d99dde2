/** The termbase at /terms: search, add, edit, delete, and import/export as CSV or TBX. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deleteTerm, importTerms, listTerms, termsExportUrl, type ImportResult, type Term } from '../api/terms.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import '../components/wb-term-dialog.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { filterTerms } from '../lib/term-filter.ts';

@customElement('wb-terms-view')
export class WbTermsView extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 16px 20px; max-width: 1280px; margin: 0 auto; box-sizing: border-box; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
    h1 { font-size: 22px; margin: 0; }
    .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .filters { display: flex; gap: 12px; align-items: end; margin: 14px 0; flex-wrap: wrap; }
    .filters div { display: flex; flex-direction: column; gap: 4px; }
    input[type='search'] { width: min(320px, 100%); box-sizing: border-box; }
    .file { position: absolute; width: 1px; height: 1px; opacity: 0; }
    .file:focus-visible + label { outline: 3px solid #2563eb; outline-offset: 1px; }
    label.btn { font-weight: 400; }
    table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #d0d5dd; }
    th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e4e7ec; vertical-align: top; font-size: 14px; }
    th { background: #f2f4f7; font-size: 12.5px; color: #344054; position: sticky; top: 0; }
    td.vi { font-weight: 600; }
    .note { display: block; font-size: 12.5px; color: #475467; font-weight: 400; }
    .tag { font-size: 11.5px; background: #eef2f6; border-radius: 4px; padding: 1px 6px; margin-left: 4px; white-space: nowrap; }
    .forbidden { color: #b42318; text-decoration: line-through; }
    td.ops, td.valid { white-space: nowrap; text-align: right; }
    td.valid { text-align: left; font-variant-numeric: tabular-nums; }
    .state { padding: 30px; text-align: center; }
    .count { font-size: 13px; }
    /* A narrow window or 200% zoom: cells wrap so the termbase never scrolls sideways. */
    @media (max-width: 800px) {
      :host { padding: 12px 10px; }
      th, td { padding: 6px; font-size: 13px; overflow-wrap: break-word; }
      td.ops, td.valid { white-space: normal; }
      table { table-layout: fixed; }
    }
  `];

  @state() private terms: Term[] | null = null;
  @state() private error = '';
  @state() private notice = '';
  @state() private query = '';
  @state() private busy = false;
  @state() private editing: { term: Term | null } | null = null;
  /** The last import's rows not taken and entries changed, listed under its notice. */
  @state() private report: ImportResult | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.terms = await listTerms();
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** Run an action that changes the termbase, then reload; a failure is shown and the list stays as it was. */
  private async change(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.notice = '';
    this.error = '';
    this.report = null;
    try {
      const notice = await action();
      await this.load();
      this.notice = notice;
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private removeTerm(term: Term): void {
    if (!confirm(t('confirmDeleteTerm', { vi: term.vi, en: term.en }))) return;
    void this.change(async () => (await deleteTerm(term.id), t('termDeleted', { vi: term.vi })));
  }

  private onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void this.change(async () => {
      // First ask what the file would overwrite; changing stored entries needs a yes.
      const preview = await importTerms(file, { dryRun: true });
      const changes = preview.overwritten ?? [];
      if (changes.length && !confirm(t('termsConfirmOverwrite', { count: changes.length, list: changes.slice(0, 10).map((o) => `${o.vi} = ${o.en}: ${o.fields.map((f) => f.field).join(', ')}`).join('\n') }))) {
        return t('termsImportCancelled');
      }
      const r = await importTerms(file);
      this.report = r;
      return r.created === undefined
        ? t('termsImported', { imported: r.imported, format: r.format.toUpperCase(), skipped: r.skipped })
        : t('termsImportReport', { format: r.format.toUpperCase(), created: r.created, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0, skipped: r.skipped });
    });
  }

  private renderReport() {
    const r = this.report;
    if (!r) return nothing;
    const skipped = r.skippedItems ?? [];
    const changed = r.overwritten ?? [];
    const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? '∅' : String(v));
    return html`<div class="report">
      ${skipped.length
        ? html`<p>${t('termsSkippedHeading')}</p><ul class="skipped">${skipped.map((k) => html`<li>${k.line !== undefined ? t('termsSkippedLine', { line: k.line, reason: k.reason }) : t('termsSkippedEntry', { index: k.index ?? 0, reason: k.reason })}</li>`)}</ul>`
        : nothing}
      ${changed.length
        ? html`<p>${t('termsOverwrittenHeading')}</p><ul class="overwritten">${changed.map((o) => html`<li>${t('termsOverwritten', { vi: o.vi, en: o.en, fields: o.fields.map((f) => `${f.field}: ${show(f.from)} → ${show(f.to)}`).join('; ') })}</li>`)}</ul>`
        : nothing}
    </div>`;
  }

  private renderRow(term: Term) {
    const valid = term.validFrom || term.validTo ? `${term.validFrom ?? '…'} – ${term.validTo ?? '…'}` : '';
    return html`<tr data-id=${term.id}>
      <td class="vi"><span lang="vi">${term.vi}</span>${term.note ? html` <span class="note">${term.note}</span>` : nothing}</td>
      <td lang="en">${term.en}${term.caseSensitive ? html` <span class="tag">${t('termCaseShort')}</span>` : nothing}</td>
      <td lang="vi">${term.abbr ?? ''}</td>
      <td lang="en">${term.forbidden.map((f, i) => html`${i ? ', ' : ''}<span class="forbidden">${f}</span>`)}</td>
      <td class="valid">${valid}</td>
      <td>${term.domain ?? ''}</td>
      <td class="ops">
        <button class="btn small" aria-label=${`${t('termEdit')} ${term.vi}`} @click=${() => (this.editing = { term })}>${t('termEdit')}</button>
        <button class="btn small danger" aria-label=${`${t('delete')} ${term.vi}`} ?disabled=${this.busy} @click=${() => this.removeTerm(term)}>${t('delete')}</button>
      </td>
    </tr>`;
  }

  private renderList() {
    if (!this.terms) return this.error ? nothing : html`<p class="state muted" role="status">${t('loading')}</p>`;
    if (this.terms.length === 0) return html`<p class="state muted">${t('termsEmpty')}</p>`;
    const shown = filterTerms(this.terms, this.query);
    return html`<p class="count muted" role="status">${t('termsCount', { shown: shown.length, total: this.terms.length })}</p>
      ${shown.length === 0
        ? html`<p class="state muted">${t('termsNoMatch')}</p>`
        : html`<table>
          <thead><tr><th scope="col">${t('termVi')}</th><th scope="col">${t('termEn')}</th><th scope="col">${t('termAbbr')}</th>
            <th scope="col">${t('termForbiddenShort')}</th><th scope="col">${t('termValid')}</th><th scope="col">${t('termDomain')}</th>
            <th scope="col"><span class="sr-only">${t('termActions')}</span></th></tr></thead>
          <tbody>${shown.map((x) => this.renderRow(x))}</tbody></table>`}`;
  }

  protected override render() {
    return html`
      <div class="head"><h1>${t('termsHeading')}</h1>
        <div class="actions">
          <a class="btn" href=${termsExportUrl('csv')} download="termbase.csv">${t('termsExportCsv')}</a>
          <a class="btn" href=${termsExportUrl('tbx')} download="termbase.tbx">${t('termsExportTbx')}</a>
          <input id="term-file" class="file" type="file" accept=".csv,.tbx,.xml,text/csv,application/xml" ?disabled=${this.busy} @change=${this.onFile} />
          <label class="btn" for="term-file">${this.busy ? t('termsImporting') : t('termsImport')}</label>
          <button class="btn primary" @click=${() => (this.editing = { term: null })}>${t('termsAdd')}</button>
        </div></div>
      <div class="filters" role="search">
        <div><label for="tq">${t('termsSearchLabel')}</label>
          <input id="tq" type="search" placeholder=${t('termsSearchPlaceholder')} .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></div>
      </div>
      ${this.error ? html`<div class="error" role="alert">${t('errorPrefix', { message: this.error })}
        ${this.terms ? nothing : html` <button class="btn small" @click=${this.load}>${t('retry')}</button>`}</div>` : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.renderReport()}
      ${this.renderList()}
      <wb-term-dialog .open=${this.editing !== null} .term=${this.editing?.term ?? null} @wb-close=${() => (this.editing = null)}
        @wb-saved=${(e: CustomEvent<{ term: Term }>) => this.change(async () => t('termSaved', { vi: e.detail.term.vi }))}></wb-term-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-terms-view': WbTermsView;
  }
}
