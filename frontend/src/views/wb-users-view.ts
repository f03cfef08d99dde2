/** Admin page: the office's accounts, with add, role change, disable/enable and password reset. */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { changeUser, createUser, listUsers, type Role, type User } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { officeStyles } from './office-styles.ts';

const ROLES: Role[] = ['reader', 'translator', 'reviewer', 'admin'];

@customElement('wb-users-view')
export class WbUsersView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  @state() private users: User[] = [];
  @state() private error = '';
  @state() private secret = '';

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.users = await listUsers();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async act(fn: () => Promise<{ user: User; password?: string }>) {
    this.error = '';
    try {
      const r = await fn();
      this.secret = r.password ? t('userPasswordOnce', { name: r.user.name, password: r.password }) : '';
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private onAdd(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    void this.act(() => createUser(String(data.get('name')), String(data.get('role')) as Role)).then(() => form.reset());
  }

  private roleSelect(u: User) {
    return html`<select aria-label=${t('userRole')} @change=${(e: Event) => this.act(() => changeUser(u.id, { role: (e.target as HTMLSelectElement).value as Role }))}>
      ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${t(`role_${r}` as MessageKey)}</option>`)}
    </select>`;
  }

  protected override render() {
    return html`<h1>${t('usersHeading')}</h1>
      <form @submit=${this.onAdd}>
        <label>${t('signInName')}<input name="name" required minlength="2" maxlength="64"></label>
        <label>${t('userRole')}<select name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'translator'}>${t(`role_${r}` as MessageKey)}</option>`)}</select></label>
        <button class="btn primary" type="submit">${t('userAdd')}</button>
      </form>
      ${this.secret ? html`<p class="secret" role="status">${this.secret}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <table>
        <thead><tr><th>${t('signInName')}</th><th>${t('userRole')}</th><th>${t('colDate')}</th><th></th></tr></thead>
        <tbody>${this.users.map((u) => html`<tr data-user=${u.name}>
          <td>${u.name} ${u.disabled ? html`<span class="muted">(${t('userDisabled')})</span>` : ''}</td>
          <td>${this.roleSelect(u)}</td>
          <td>${formatDate(u.createdAt)}</td>
          <td>
            <button class="btn small" @click=${() => this.act(() => changeUser(u.id, { disabled: !u.disabled }))}>${u.disabled ? t('userEnable') : t('userDisable')}</button>
            <button class="btn small" @click=${() => this.act(() => changeUser(u.id, { resetPassword: true }))}>${t('userResetPassword')}</button>
          </td></tr>`)}</tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-users-view': WbUsersView;
  }
}
