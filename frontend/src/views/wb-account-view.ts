/** The signed-in user's page: personal API tokens (created, shown once, revoked) and "sign out everywhere". */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createToken, listTokens, logoutAll, revokeToken, type ApiToken } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { officeStyles } from './office-styles.ts';

@customElement('wb-account-view')
export class WbAccountView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  @state() private tokens: ApiToken[] = [];
  @state() private created = '';
  @state() private error = '';

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
      this.tokens = await listTokens();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async onCreate(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    try {
      const r = await createToken(String(data.get('name')), String(data.get('scope')) as 'read' | 'write', Number(data.get('days')));
      this.created = r.token;
      await this.load();
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async onLogoutAll() {
    await logoutAll();
    location.assign('/');
  }

  protected override render() {
    return html`<h1>${t('navAccount')}</h1>
      <button class="btn" @click=${this.onLogoutAll}>${t('signOutEverywhere')}</button>
      <h2>${t('tokensHeading')}</h2>
      <form @submit=${this.onCreate}>
        <label>${t('tokenName')}<input name="name" required maxlength="100"></label>
        <label>${t('tokenScope')}<select name="scope"><option value="write">write</option><option value="read">read</option></select></label>
        <label>days<input name="days" type="number" min="1" max="366" value="90"></label>
        <button class="btn primary" type="submit">${t('tokenCreate')}</button>
      </form>
      ${this.created ? html`<p class="secret" role="status">${t('tokenOnce', { token: this.created })}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <table><tbody>${this.tokens.map((k) => html`<tr>
        <td>${k.name}</td><td>${k.scope}</td><td>${t('tokenExpires', { date: formatDate(k.expiresAt) })}</td>
        <td>${k.revoked ? html`<span class="muted">revoked</span>` : html`<button class="btn small" @click=${() => revokeToken(k.id).then(() => this.load())}>${t('tokenRevoke')}</button>`}</td>
      </tr>`)}</tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-account-view': WbAccountView;
  }
}
