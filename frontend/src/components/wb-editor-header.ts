/**
 * The editor's sticky header: back link, title, approval count, translate (or live progress and stop), retry of
 * failed segments, brief toggle, export menu and help; under them the article's translator, reviewer and due date. A `slot="banner"` child (the unsaved-edits banner) shows
 * under it, so it stays in view while the rows scroll.
 *
 * Events (bubbling, composed): `wb-translate` {scope: 'all' | 'missing'}, `wb-cancel`, `wb-toggle-brief`, `wb-help`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { JobProgress } from '../api/jobs.ts';
import { cssProps } from '../lib/css-props.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { can } from '../lib/session.ts';
import './wb-assign-form.ts';
import './wb-export-menu.ts';
import { sharedStyles } from './shared-styles.ts';

/** Segment counts by what the header offers to do about them. */
export interface HeaderCounts {
  total: number;
  approved: number;
  failed: number;
  untranslated: number;
}

@customElement('wb-editor-header')
export class WbEditorHeader extends LitElement {
  static override styles = [sharedStyles, css`
    /* Above the rows and the brief beside them, so the Export menu opens over both. */
    :host { display: block; position: sticky; top: 0; z-index: 20; background: #fff; border-bottom: 1px solid #d0d5dd; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 16px; padding: 10px 16px; flex-wrap: wrap; }
    .title { display: flex; align-items: baseline; gap: 12px; min-width: 0; flex: 1 1 360px; }
    .title .muted { white-space: nowrap; }
    h1 { font-size: 17px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
    .back { color: #1d4ed8; white-space: nowrap; }
    .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .progress { display: flex; flex-direction: column; gap: 2px; width: 240px; }
    .ptext { font-size: 12px; color: #344054; }
    .error { margin: 0 16px 10px; }
  `];

  @property() articleId = '';
  @property() heading = '';
  @property({ attribute: false }) counts: HeaderCounts = { total: 0, approved: 0, failed: 0, untranslated: 0 };
  /** Progress of the running translation, or null when none runs. */
  @property({ attribute: false }) progress: JobProgress | null = null;
  @property({ type: Boolean }) briefOpen = false;
  @property() error = '';
  /** The article's translator, reviewer, due date and status, shown under the title. */
  @property({ attribute: false }) assignment: { assignee?: string | null; reviewer?: string | null; dueDate?: string | null; status?: string } = {};

  constructor() {
    super();
    new LangController(this);
  }

  private fire(name: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  private renderJob() {
    const p = this.progress;
    if (p) {
      return html`<div class="progress" role="progressbar" aria-label=${t('progress', { ...p })} aria-valuemin="0" aria-valuemax=${p.total} aria-valuenow=${p.done}>
          <div class="bar"><span ${cssProps({ width: `${p.total ? (100 * p.done) / p.total : 0}%` })}></span></div>
          <span class="ptext">${t('progress', { ...p })}</span></div>
        <button class="btn" @click=${() => this.fire('wb-cancel')}>${t('cancelJob')}</button>`;
    }
    const c = this.counts;
    // Some segments translated and some not: offer the rest; otherwise (re)translate everything no editor touched.
    const partial = c.untranslated > 0 && c.untranslated < c.total;
    return html`<button class="btn primary" data-action="translate" ?disabled=${c.total === 0 || c.approved === c.total}
        @click=${() => this.fire('wb-translate', { scope: partial ? 'missing' : 'all' })}>${partial ? t('translateAgain') : t('translate')}</button>
      ${c.failed
        ? html`<button class="btn" data-action="retry-failed" @click=${() => this.fire('wb-translate', { scope: 'missing' })}>${t('retryFailed', { count: c.failed })}</button>`
        : nothing}`;
  }

  protected override render() {
    return html`<header class="top">
        <div class="title">
          <a href="/" class="back" data-nav>${t('backToArticles')}</a>
          <h1 lang="vi">${this.heading}</h1>
          <span class="muted">${t('counts', { approved: this.counts.approved, total: this.counts.total })}</span>
        </div>
        <div class="actions">
          ${can('translator') ? this.renderJob() : nothing}
          ${can('translator') ? html`<a class="btn" data-nav href=${`/articles/${encodeURIComponent(this.articleId)}/quality`}>${t('qualityLink')}</a>
            <a class="btn" data-nav href=${`/articles/${encodeURIComponent(this.articleId)}/history`}>${t('historyLink')}</a>` : nothing}
          <button class="btn" aria-pressed=${this.briefOpen ? 'true' : 'false'} @click=${() => this.fire('wb-toggle-brief')}>${t('briefShow')}</button>
          <wb-export-menu .articleId=${this.articleId}></wb-export-menu>
          <button class="btn" aria-label=${t('helpButton')} title=${t('helpButton')} @click=${() => this.fire('wb-help')}>?</button>
        </div>
      </header>
      <wb-assign-form .articleId=${this.articleId} .current=${this.assignment}></wb-assign-form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <slot name="banner"></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-editor-header': WbEditorHeader;
  }
}
