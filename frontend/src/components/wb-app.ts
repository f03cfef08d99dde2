/**
 * The application shell: top bar (navigation, model status, language toggle) and the routed view.
 * Links marked `data-nav` (anywhere, even inside shadow roots) navigate without a page load.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getMe, logout, type Me } from '../api/auth.ts';
import { getHealth, type Health } from '../api/health.ts';
import { lang, setLang, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { navigate, parseRoute, type Route } from '../lib/router.ts';
import { can, setMe as setSession } from '../lib/session.ts';
import '../views/wb-articles-view.ts';
import '../views/wb-editor-view.ts';
import '../views/wb-evals-view.ts';
import '../views/wb-terms-view.ts';
import '../views/wb-login-view.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-app')
export class WbApp extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; min-height: 100vh; }
    .topbar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 18px; padding: 0 20px; min-height: 48px; background: #0f2a4a; color: #fff; }
    @media (max-width: 800px) { .topbar { padding: 4px 10px; gap: 4px 10px; } }
    .brand { font-weight: 700; font-size: 15px; margin-right: 8px; }
    nav { display: flex; gap: 4px; }
    nav a { color: #e4ecf7; text-decoration: none; padding: 6px 10px; border-radius: 5px; font-size: 14px; }
    nav a[aria-current='page'] { background: #24497a; color: #fff; }
    nav a:focus-visible, .lang:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
    .spacer { flex: 1; }
    .model { font-size: 12.5px; color: #d6e4f5; }
    .model.missing { color: #fecaca; }
    .lang { background: transparent; color: #fff; border: 1px solid #7c98bd; border-radius: 5px; padding: 4px 10px; cursor: pointer; font: inherit; font-size: 13px; }
    .user { font-size: 13px; color: #fff; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: #fff; color: #1d4ed8; padding: 6px 10px; z-index: 100; }
    /* Padding by class: the Content-Security-Policy blocks style attributes. */
    .not-found { padding: 20px; }
  `];

  @state() private route: Route = parseRoute(location.pathname);
  @state() private health: Health | null = null;
  /** null until the server said who is using the app. */
  @state() private me: Me | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = lang();
    window.addEventListener('popstate', this.onPop);
    this.addEventListener('click', this.onClick);
    getHealth().then((h) => (this.health = h), () => (this.health = null));
    window.addEventListener('wb-auth-required', this.onAuthRequired);
    void this.loadMe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPop);
    window.removeEventListener('wb-auth-required', this.onAuthRequired);
    this.removeEventListener('click', this.onClick);
  }

  private async loadMe() {
    try {
      this.setMe(await getMe());
    } catch {
      // an older server without accounts: keep the single-user interface
      this.setMe({ mode: 'single-user', user: { id: null, name: 'editor', role: 'admin', via: 'local' } });
    }
  }

  private setMe(me: Me) {
    setSession(me);
    this.me = me;
  }

  private readonly onAuthRequired = () => {
    if (this.me?.mode === 'accounts') this.setMe({ mode: 'accounts', user: null });
  };

  private async signOut() {
    await logout().catch(() => undefined);
    this.setMe({ mode: 'accounts', user: null });
  }

  private readonly onPop = () => {
    this.route = parseRoute(location.pathname);
  };

  private readonly onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute('data-nav'));
    if (!a) return;
    e.preventDefault();
    navigate(new URL(a.href).pathname);
  };

  private renderView() {
    const r = this.route;
    switch (r.name) {
      case 'articles': return html`<wb-articles-view></wb-articles-view>`;
      case 'editor': return html`<wb-editor-view .articleId=${r.id}></wb-editor-view>`;
      case 'evals': return html`<wb-evals-view></wb-evals-view>`;
      case 'eval-run':
        // loaded on first visit: the run view and its item rendering stay out of the editor's start-up bundle
        void import('../views/wb-eval-run-view.ts');
        return html`<wb-eval-run-view .runId=${r.id}></wb-eval-run-view>`;
      case 'terms': return html`<wb-terms-view></wb-terms-view>`;
      // office pages load on first visit, like the eval run view
      case 'users': void import('../views/wb-users-view.ts'); return html`<wb-users-view></wb-users-view>`;
      case 'settings': void import('../views/wb-settings-view.ts'); return html`<wb-settings-view></wb-settings-view>`;
      case 'account': void import('../views/wb-account-view.ts'); return html`<wb-account-view></wb-account-view>`;
      case 'audit': void import('../views/wb-audit-view.ts'); return html`<wb-audit-view></wb-audit-view>`;
      case 'history': void import('../views/wb-audit-view.ts'); return html`<wb-audit-view .articleId=${r.id}></wb-audit-view>`;
      case 'quality': void import('../views/wb-quality-view.ts'); return html`<wb-quality-view .articleId=${r.id}></wb-quality-view>`;
      case 'memory':
        void import('../views/wb-memory-view.ts');
        return html`<wb-memory-view></wb-memory-view>`;
      default: return html`<p class="not-found">${t('notFound')} <a href="/" data-nav>${t('navArticles')}</a></p>`;
    }
  }

  protected override render() {
    const r = this.route.name;
    const h = this.health;
    const me = this.me;
    const signedIn = me?.mode === 'accounts' && me.user !== null;
    document.title = t('appTitle');
    if (!me) return html`<p class="muted not-found" role="status">${t('loading')}</p>`;
    if (me.mode === 'accounts' && !me.user) {
      return html`<header class="topbar"><span class="brand">${t('appTitle')}</span><span class="spacer"></span>
          <button class="lang" aria-label=${t('langToggleLabel')} @click=${() => setLang(lang() === 'en' ? 'vi' : 'en')}>${t('langToggle')}</button></header>
        <wb-login-view @wb-signed-in=${(e: CustomEvent<Me>) => this.setMe(e.detail)}></wb-login-view>`;
    }
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header class="topbar">
        <span class="brand">${t('appTitle')}</span>
        <nav aria-label="Main">
          <a href="/" data-nav aria-current=${r === 'articles' || r === 'editor' ? 'page' : 'false'}>${t('navArticles')}</a>
          ${can('translator') ? html`<a href="/terms" data-nav aria-current=${r === 'terms' ? 'page' : 'false'}>${t('navTerms')}</a>
          <a href="/memory" data-nav aria-current=${r === 'memory' ? 'page' : 'false'}>${t('navMemory')}</a>
          <a href="/evals" data-nav aria-current=${r === 'evals' || r === 'eval-run' ? 'page' : 'false'}>${t('navEvals')}</a>` : ''}
          ${signedIn && can('admin') ? html`<a href="/users" data-nav aria-current=${r === 'users' ? 'page' : 'false'}>${t('navUsers')}</a>
          <a href="/audit" data-nav aria-current=${r === 'audit' ? 'page' : 'false'}>${t('navAudit')}</a>` : ''}
          ${can('admin') ? html`<a href="/settings" data-nav aria-current=${r === 'settings' ? 'page' : 'false'}>${t('navSettings')}</a>` : ''}
        </nav>
        <span class="spacer"></span>
        ${h ? html`<span class="model ${h.model.configured ? '' : 'missing'}">${h.model.configured ? t('modelReady', { model: h.model.model ?? '' }) : t('modelMissing')}</span>` : ''}
        ${signedIn ? html`<a class="user" href="/account" data-nav>${t('signedInAs', { name: me!.user!.name, role: t(`role_${me!.user!.role}` as MessageKey) })}</a>
          <button class="lang" @click=${() => this.signOut()}>${t('signOut')}</button>` : ''}
        <button class="lang" aria-label=${t('langToggleLabel')} @click=${() => setLang(lang() === 'en' ? 'vi' : 'en')}>${t('langToggle')}</button>
      </header>
      <div id="main">${this.renderView()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-app': WbApp;
  }
}
