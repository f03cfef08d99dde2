/**
 * An article's translator, reviewer and due date: shown to everyone who can read the article; reviewers and admins
 * can open a small form to change them (saved with `PATCH /api/articles/:id`). Names are free text with suggestions
 * from the people already named on articles (the user list is for admins only); the server checks that each name is
 * an enabled user with the right role and answers 400 otherwise, which the form shows.
 *
 * Events (bubbling, composed): `wb-assigned` {article} after a save.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { assignArticle, listArticles, type Assignment } from '../api/articles.ts';
import { isOverdue, peopleOn } from '../lib/article-filter.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { can } from '../lib/session.ts';
import { sharedStyles } from './shared-styles.ts';

type Current = { assignee?: string | null; reviewer?: string | null; dueDate?: string | null; status?: string };

/** The PATCH body for a form: only the fields that changed, an emptied field as `null`. */
export function assignBody(before: Current, form: { assignee: string; reviewer: string; dueDate: string }): Assignment {
  const body: Assignment = {};
  for (const k of ['assignee', 'reviewer', 'dueDate'] as const) {
    const next = form[k].trim() || null;
    if (next !== (before[k] ?? null)) body[k] = next;
  }
  return body;
}

@customElement('wb-assign-form')
export class WbAssignForm extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; padding: 0 16px 8px; font-size: 13px; }
    .line { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; color: #344054; }
    .line b { font-weight: 600; color: #101828; }
    .overdue { color: #b42318; font-weight: 600; }
    form { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; margin-top: 8px; }
    form div { display: flex; flex-direction: column; gap: 3px; }
    input { width: 12em; }
  `];

  @property() articleId = '';
  @property({ attribute: false }) current: Current = {};
  @state() private open = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private people: string[] = [];

  constructor() {
    super();
    new LangController(this);
  }

  private async openForm(): Promise<void> {
    this.open = true;
    this.error = '';
    try {
      this.people = peopleOn(await listArticles());
    } catch {
      // suggestions only: the names can still be typed
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body = assignBody(this.current, { assignee: String(f.get('assignee') ?? ''), reviewer: String(f.get('reviewer') ?? ''), dueDate: String(f.get('dueDate') ?? '') });
    if (Object.keys(body).length === 0) {
      this.open = false;
      return;
    }
    this.busy = true;
    try {
      const article = await assignArticle(this.articleId, body);
      this.open = false;
      this.error = '';
      this.dispatchEvent(new CustomEvent('wb-assigned', { bubbles: true, composed: true, detail: { article } }));
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    const c = this.current;
    return html`<form @submit=${this.save} aria-label=${t('assignHeading')}>
      <div><label for="as-assignee">${t('assignee')}</label><input id="as-assignee" name="assignee" list="as-people" lang="vi" .value=${c.assignee ?? ''} /></div>
      <div><label for="as-reviewer">${t('reviewerLabel')}</label><input id="as-reviewer" name="reviewer" list="as-people" lang="vi" .value=${c.reviewer ?? ''} /></div>
      <div><label for="as-due">${t('dueDate')}</label><input id="as-due" name="dueDate" type="date" .value=${c.dueDate ?? ''} /></div>
      <datalist id="as-people">${this.people.map((n) => html`<option value=${n}></option>`)}</datalist>
      <button class="btn primary" type="submit" ?disabled=${this.busy}>${t('assignSave')}</button>
      <button class="btn" type="button" @click=${() => (this.open = false)}>${t('assignCancel')}</button>
    </form>`;
  }

  protected override render() {
    const c = this.current;
    const none = t('assignNone');
    return html`<div class="line" data-assignment>
        <span>${t('assignee')}: <b lang="vi">${c.assignee || none}</b></span>
        <span>${t('reviewerLabel')}: <b lang="vi">${c.reviewer || none}</b></span>
        <span>${t('dueDate')}: <b>${c.dueDate || none}</b>${c.dueDate && isOverdue(c) ? html` <span class="overdue">${t('overdue')}</span>` : nothing}</span>
        ${can('reviewer') && !this.open ? html`<button class="btn small" data-action="assign" @click=${this.openForm}>${t('assignEdit')}</button>` : nothing}
      </div>
      ${this.open ? this.renderForm() : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-assign-form': WbAssignForm;
  }
}
