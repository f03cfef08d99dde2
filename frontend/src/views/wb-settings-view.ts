/**
 * Admin page: the model provider. The API key field is write-only (the page only learns whether a key is set);
 * values an environment variable sets are shown read-only with the variable's name, since they override the page.
 */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getProviderSettings, saveProviderSettings, testProviderConnection, type ProviderSettings, type SaveProviderSettings } from '../api/auth.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { officeStyles } from './office-styles.ts';

const FIELDS: Array<{ name: keyof SaveProviderSettings; env: string; type: 'text' | 'number' | 'password' }> = [
  { name: 'baseUrl', env: 'OPENAI_BASE_URL', type: 'text' },
  { name: 'apiKey', env: 'OPENAI_API_KEY', type: 'password' },
  { name: 'model', env: 'WORKBENCH_MODEL', type: 'text' },
  { name: 'concurrency', env: 'WORKBENCH_CONCURRENCY', type: 'number' },
  { name: 'timeoutMs', env: 'WORKBENCH_TIMEOUT_MS', type: 'number' },
  { name: 'priceInput', env: 'WORKBENCH_PRICE_INPUT', type: 'number' },
  { name: 'priceOutput', env: 'WORKBENCH_PRICE_OUTPUT', type: 'number' },
];

@customElement('wb-settings-view')
export class WbSettingsView extends LitElement {
  static override styles = [sharedStyles, officeStyles];
  @state() private settings: ProviderSettings | null = null;
  @state() private message = '';
  @state() private error = '';

  constructor() {
    super();
    new LangController(this);
  }

  protected override firstUpdated(): void {
    getProviderSettings().then((s) => (this.settings = s), (e: Error) => (this.error = e.message));
  }

  private async onSave(e: SubmitEvent) {
    e.preventDefault();
    // taken now: after an await the event's target is retargeted to the host element
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const raw = data.get(f.name);
      if (raw === null) continue; // set by the environment: not sent
      const v = String(raw).trim();
      if (f.name === 'apiKey') {
        if (v) body.apiKey = v; // empty keeps the saved key
      } else if (f.type === 'number') body[f.name] = v === '' ? (f.name.startsWith('price') ? null : undefined) : Number(v);
      else body[f.name] = v === '' ? (f.name === 'baseUrl' ? null : undefined) : v;
    }
    try {
      this.settings = await saveProviderSettings(body as SaveProviderSettings);
      form.reset();
      this.message = t('settingsSaved');
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async onTest() {
    this.message = t('settingsTesting');
    const r = await testProviderConnection().catch((e: Error) => ({ ok: false, message: e.message }));
    this.message = '';
    if (r.ok) this.message = r.message;
    else this.error = r.message;
  }

  private value(name: keyof SaveProviderSettings): string {
    const s = this.settings as unknown as Record<string, unknown> | null;
    const v = s?.[name];
    return v === null || v === undefined ? '' : String(v);
  }

  protected override render() {
    const s = this.settings;
    return html`<h1>${t('settingsHeading')}</h1>
      ${!s ? html`<p class="muted" role="status">${t('loading')}</p>` : html`
      <form @submit=${this.onSave} class="stacked-560">
        ${FIELDS.map((f) => {
          const env = s.fromEnv.includes(f.env);
          const label = t(`setting_${f.name}` as Parameters<typeof t>[0]);
          if (f.name === 'apiKey') {
            return html`<label>${label}<input name="apiKey" type="password" autocomplete="off" ?disabled=${env}
              placeholder=${s.apiKeySet ? t('settingsKeySet') : t('settingsKeyUnset')}>${env ? html`<small>${t('settingsFromEnv', { name: f.env })}</small>` : ''}</label>`;
          }
          return html`<label>${label}<input name=${f.name} type=${f.type} step="any" .value=${this.value(f.name)} ?disabled=${env}>
            ${env ? html`<small>${t('settingsFromEnv', { name: f.env })}</small>` : ''}</label>`;
        })}
        <div><button class="btn primary" type="submit">${t('save')}</button>
          <button class="btn" type="button" @click=${this.onTest}>${t('settingsTest')}</button></div>
      </form>`}
      ${this.message ? html`<p class="notice" role="status">${this.message}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-settings-view': WbSettingsView;
  }
}
