/**
 * Add or edit one termbase entry. Set `open` and `term` (null for a new term); the dialog saves through the API and
 * fires `wb-saved` with `{ term }`, or `wb-close`. The server's refusal (a duplicate, a bad date) stays in the dialog
 * with the form as typed, so nothing is lost.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { createTerm, updateTerm, type Term } from '../api/terms.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { createBody, draftOf, draftProblem, patchBody, type TermDraft } from '../lib/term-form.ts';
import { sharedStyles } from './shared-styles.ts';
import { syncModal } from '../lib/modal.ts';

type TextField = Exclude<keyof TermDraft, 'caseSensitive'>;

@customElement('wb-term-dialog')
export class WbTermDialog extends LitElement {
  static override styles = [sharedStyles, css`
    dialog { width: min(640px, 94vw); }
    form { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 14px; }
    .field { display: flex; flex-direction: column; gap: 4px; }
    .wide { grid-column: 1 / -1; }
    .check { flex-direction: row; align-items: center; gap: 8px; }
    .check label { font-weight: 400; }
    input[type='date'] { font: inherit; font-size: 14px; padding: 5px 8px; border: 1px solid #98a2b3; border-radius: 6px; }
    textarea { min-height: 56px; resize: vertical; }
    .req { color: #b42318; }
  `];

  @property({ type: Boolean }) open = false;
  @property({ attribute: false }) term: Term | null = null;
  @state() private draft: TermDraft = draftOf();
  @state() private error = '';
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new LangController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('open') || changed.has('term')) && this.open) {
      this.draft = draftOf(this.term ?? undefined);
      this.error = '';
    }
  }

  protected override updated(): void {
    syncModal(this.dialog, this.open);
  }

  private close(): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent('wb-close', { bubbles: true, composed: true }));
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const problem = draftProblem(this.draft);
    if (problem) {
      this.error = t(problem);
      return;
    }
    this.busy = true;
    try {
      const term = this.term ? await updateTerm(this.term.id, patchBody(this.term, this.draft)) : await createTerm(createBody(this.draft));
      this.dispatchEvent(new CustomEvent('wb-saved', { bubbles: true, composed: true, detail: { term } }));
      this.close();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private set(field: keyof TermDraft, value: string | boolean): void {
    this.draft = { ...this.draft, [field]: value };
  }

  private field(name: TextField, label: string, opts: { type?: string; lang?: string; wide?: boolean; required?: boolean; area?: boolean } = {}) {
    const id = `term-${name}`;
    const onInput = (e: Event) => this.set(name, (e.target as HTMLInputElement).value);
    return html`<div class="field ${opts.wide ? 'wide' : ''}">
      <label for=${id}>${label}${opts.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</label>
      ${opts.area
        ? html`<textarea id=${id} lang=${opts.lang ?? nothing} .value=${this.draft[name]} @input=${onInput}></textarea>`
        : html`<input id=${id} type=${opts.type ?? 'text'} lang=${opts.lang ?? nothing} ?required=${opts.required} .value=${this.draft[name]} @input=${onInput} />`}
    </div>`;
  }

  protected override render() {
    return html`<dialog aria-labelledby="term-h" @close=${() => this.open && this.close()}>
      <header><h2 id="term-h">${this.term ? t('termEditHeading') : t('termAddHeading')}</h2>
        <button class="btn small" @click=${this.close}>${t('close')}</button></header>
      <div class="body">
        <form id="term-form" novalidate @submit=${this.save}>
          ${this.field('vi', t('termVi'), { lang: 'vi', required: true })}
          ${this.field('en', t('termEn'), { lang: 'en', required: true })}
          ${this.field('abbr', t('termAbbr'), { lang: 'vi' })}
          ${this.field('domain', t('termDomain'))}
          ${this.field('forbidden', t('termForbidden'), { lang: 'en', wide: true, area: true })}
          ${this.field('validFrom', t('termValidFrom'), { type: 'date' })}
          ${this.field('validTo', t('termValidTo'), { type: 'date' })}
          ${this.field('note', t('termNote'), { wide: true, area: true })}
          <div class="field check wide"><input id="term-case" type="checkbox" .checked=${this.draft.caseSensitive}
            @change=${(e: Event) => this.set('caseSensitive', (e.target as HTMLInputElement).checked)} />
            <label for="term-case">${t('termCaseSensitive')}</label></div>
        </form>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </div>
      <footer>
        <button class="btn" type="button" @click=${this.close}>${t('cancel')}</button>
        <button class="btn primary" type="submit" form="term-form" ?disabled=${this.busy}>${t('save')}</button>
      </footer>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-term-dialog': WbTermDialog;
  }
}
