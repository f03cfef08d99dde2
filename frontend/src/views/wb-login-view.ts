/** The sign-in page shown instead of the app while nobody is signed in (once accounts exist). */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { login, type Me } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { officeStyles } from './office-styles.ts';

@customElement('wb-login-view')
export class WbLoginView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  @state() private error = '';
  @state() private busy = false;

  constructor() {
    super();
    new LangController(this);
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const me: Me = await login(String(data.get('name') ?? ''), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('wb-signed-in', { detail: me, bubbles: true, composed: true }));
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    return html`<h1>${t('signInHeading')}</h1>
      <form @submit=${this.onSubmit} class="stacked-320">
        <label>${t('signInName')}<input name="name" autocomplete="username" required autofocus></label>
        <label>${t('signInPassword')}<input name="password" type="password" autocomplete="current-password" required></label>
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${t('signInButton')}</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-login-view': WbLoginView;
  }
}
