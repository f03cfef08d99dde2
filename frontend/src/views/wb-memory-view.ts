/**
 * The memory page: every approved translation the workbench remembers, searched without diacritics ("huu nghi"
 * finds "hữu nghị") and filtered by article, author, date, kind and whether it was sent to the model as an example;
 * each unit's English can be corrected or the unit deleted. Units that failed QA are marked: they never reach the model.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deleteMemoryUnit, listMemory, updateMemoryUnit, type MemoryFilter, type TmUnit } from '../api/memory.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';

const PAGE = 100;

@customElement('wb-memory-view')
export class WbMemoryView extends LitElement {
  static override styles = [sharedStyles, css`
    /* Column widths as classes: the Content-Security-Policy blocks style attributes. */
    col.c-text { width: 34%; }
    col.c-info { width: 20%; }
    col.c-actions { width: 12%; }
    :host { display: block; padding: 16px 20px; max-width: 1200px; margin: 0 auto; }
    form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; margin-bottom: 12px; }
    label { display: flex; flex-direction: column; font-size: 12.5px; color: #344054; gap: 2px; }
    input, select { font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid #98a2b3; border-radius: 5px; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e4e7ec; overflow-wrap: anywhere; font-size: 14px; }
    th { font-size: 12.5px; color: #475467; }
    .meta { font-size: 12px; color: #667085; }
    .badge { display: inline-block; font-size: 11.5px; border-radius: 9px; padding: 0 7px; margin: 2px 4px 0 0; background: #eef2f6; }
    .badge.failed { background: #fee2e2; color: #7f1d1d; }
    .badge.sent { background: #dbeafe; color: #1e3a8a; }
    textarea { width: 100%; font: inherit; font-size: 14px; box-sizing: border-box; }
    .actions { display: flex; gap: 6px; flex-wrap: wrap; }
    .error { color: #b91c1c; }
  `];

  @state() private filter: MemoryFilter = {};
  @state() private units: TmUnit[] = [];
  @state() private total = 0;
  @state() private loading = true;
  @state() private error = '';
  @state() private editing: string | null = null;
  private controller: AbortController | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.controller?.abort();
    const c = (this.controller = new AbortController());
    this.loading = true;
    try {
      const { units, total } = await listMemory({ ...this.filter, limit: PAGE }, c.signal);
      if (c.signal.aborted) return;
      [this.units, this.total, this.error] = [units, total, ''];
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.error = (err as Error).message;
    } finally {
      if (!c.signal.aborted) this.loading = false;
    }
  }

  private set(key: keyof MemoryFilter, value: string): void {
    const v = value.trim();
    this.filter = { ...this.filter, [key]: key === 'sentAsExample' ? (v === '' ? undefined : v === 'true') : v || undefined };
    void this.load();
  }

  private async save(u: TmUnit, text: string): Promise<void> {
    try {
      const saved = await updateMemoryUnit(u.id, text);
      this.units = this.units.map((x) => (x.id === u.id ? saved : x));
      this.editing = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async deleteUnit(u: TmUnit): Promise<void> {
    if (!confirm(t('memDeleteConfirm'))) return;
    try {
      await deleteMemoryUnit(u.id);
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private renderUnit(u: TmUnit) {
    const editing = this.editing === u.id;
    return html`<tr data-id=${u.id}>
      <td lang="vi">${u.source}</td>
      <td lang="en">${editing
        ? html`<textarea aria-label=${t('memEditLabel')} rows="3" .value=${u.target}></textarea>`
        : u.target}</td>
      <td>
        <div class="meta">${t('memBy', { who: u.createdBy ?? '—', time: formatDate(u.updatedAt) })}${u.articleId ? html`<br />${u.articleId}` : nothing}</div>
        ${u.kind === 'sentence' ? html`<span class="badge">${t('memSentence')}</span>` : nothing}
        ${u.qaStatus === 'failed' ? html`<span class="badge failed" title=${t('memFailedTitle')}>${t('memFailed')}</span>` : nothing}
        ${u.qaStatus === 'override' ? html`<span class="badge" title=${u.qaOverride ?? ''}>${t('memOverride')}</span>` : nothing}
        ${u.exampleCount > 0 ? html`<span class="badge sent" title=${u.lastExampleAt ? formatDate(u.lastExampleAt) : ''}>${t('memSent', { n: u.exampleCount })}</span>` : nothing}
      </td>
      <td><div class="actions">${editing
        ? html`<button class="btn small" @click=${(e: Event) => this.save(u, ((e.target as HTMLElement).closest('tr')!.querySelector('textarea') as HTMLTextAreaElement).value)}>${t('save')}</button>
            <button class="btn small" @click=${() => (this.editing = null)}>${t('cancel')}</button>`
        : html`<button class="btn small" @click=${() => (this.editing = u.id)}>${t('memEdit')}</button>
            <button class="btn small" @click=${() => this.deleteUnit(u)}>${t('delete')}</button>`}</div></td>
    </tr>`;
  }

  protected override render() {
    const input = (key: keyof MemoryFilter, label: string, type = 'text') =>
      html`<label>${label}<input type=${type} .value=${String(this.filter[key] ?? '')} @change=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)} /></label>`;
    return html`
      <h1>${t('memHeading')}</h1>
      <form role="search" @submit=${(e: Event) => e.preventDefault()}>
        <label>${t('memSearch')}<input type="search" .value=${this.filter.q ?? ''} @input=${(e: Event) => this.set('q', (e.target as HTMLInputElement).value)} /></label>
        ${input('articleId', t('memArticle'))}
        ${input('author', t('memAuthor'))}
        ${input('from', t('memFrom'), 'date')}
        ${input('to', t('memTo'), 'date')}
        <label>${t('memKind')}<select @change=${(e: Event) => this.set('kind', (e.target as HTMLSelectElement).value)}>
          <option value="">${t('memAll')}</option><option value="paragraph">${t('memParagraphs')}</option><option value="sentence">${t('memSentences')}</option></select></label>
        <label>${t('memExamples')}<select @change=${(e: Event) => this.set('sentAsExample', (e.target as HTMLSelectElement).value)}>
          <option value="">${t('memAll')}</option><option value="true">${t('memSentOnly')}</option><option value="false">${t('memNotSent')}</option></select></label>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p role="status" class="meta">${this.loading ? t('loading') : t('memCount', { shown: this.units.length, total: this.total })}</p>
      <table>
        <colgroup><col class="c-text" /><col class="c-text" /><col class="c-info" /><col class="c-actions" /></colgroup>
        <thead><tr><th>${t('memSource')}</th><th>${t('memTarget')}</th><th>${t('memInfo')}</th><th></th></tr></thead>
        <tbody>${this.units.map((u) => this.renderUnit(u))}</tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-memory-view': WbMemoryView;
  }
}
