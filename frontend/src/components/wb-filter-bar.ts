/**
 * The editor's filter bar: state, QA and memory filters with their counts, a diacritic-insensitive search in either
 * column, "go to segment" (Ctrl+G focuses it), next/previous QA issue and unapproved segment, and the find-and-replace
 * toggle. It holds no segments: the editor passes the counts in and listens.
 *
 * Events (bubbling, composed): `wb-filter` {filter: SegmentFilter}, `wb-goto` {n}, `wb-nav` {action: 'prev-qa' |
 * 'next-qa' | 'prev-open' | 'next-open'}, `wb-toggle-find`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { NO_FILTER, type FilterCounts, type SegmentFilter, type StateFilter } from '../lib/segment-filter.ts';
import { sharedStyles } from './shared-styles.ts';

const STATES: Array<[Exclude<StateFilter, ''>, Parameters<typeof t>[0]]> = [
  ['untranslated', 'stateUntranslated'],
  ['machine', 'stateMachine'],
  ['edited', 'stateEdited'],
  ['confirmed', 'stateConfirmed'],
  ['failed', 'stateFailed'],
];

@customElement('wb-filter-bar')
export class WbFilterBar extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; background: #fcfcfd; border-bottom: 1px solid #d0d5dd; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; padding: 8px 12px; }
    .field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
    .field label { font-size: 12px; }
    select, input { font-size: 13px; padding: 4px 6px; }
    input[type='search'] { width: 16em; max-width: 100%; }
    input.goto { width: 5em; }
    .check { display: flex; gap: 4px; align-items: center; font-size: 13px; font-weight: 400; padding-bottom: 5px; }
    .nav { display: flex; gap: 4px; flex-wrap: wrap; }
    .showing { font-size: 12.5px; color: #475467; padding-bottom: 5px; }
  `];

  @property({ attribute: false }) counts: FilterCounts | null = null;
  @property({ attribute: false }) filter: SegmentFilter = NO_FILTER;
  @property({ type: Number }) shown = 0;
  @property({ type: Boolean }) findOpen = false;
  @query('input.goto') private gotoInput!: HTMLInputElement;
  @query('input[type="search"]') private searchInput!: HTMLInputElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LangController(this);
  }

  /** Put the caret in the "go to segment" box (Ctrl+G). */
  focusGoto(): void {
    this.gotoInput.focus();
    this.gotoInput.select();
  }

  private fire(name: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  private set(patch: Partial<SegmentFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.fire('wb-filter', { filter: this.filter });
  }

  /** Typing in the search box filters after a short pause, so 1,000 rows are not re-filtered on every key. */
  private onSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.set({ text: this.searchInput.value }), 150);
  }

  private onGoto(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const n = Number(this.gotoInput.value);
    if (Number.isInteger(n) && n > 0) this.fire('wb-goto', { n });
  }

  protected override render() {
    const c = this.counts;
    const f = this.filter;
    const checks = c ? Object.entries(c.qa.checks).sort(([a], [b]) => a.localeCompare(b)) : [];
    return html`<div class="filters" role="search">
      <div class="field"><label for="state">${t('filterState')}</label>
        <select id="state" .value=${f.state} @change=${(e: Event) => this.set({ state: (e.target as HTMLSelectElement).value as StateFilter })}>
          <option value="">${t('stateAll', { count: c?.total ?? 0 })}</option>
          ${STATES.map(([v, k]) => html`<option value=${v} ?selected=${f.state === v}>${t(k, { count: c?.state[v] ?? 0 })}</option>`)}
        </select></div>
      <div class="field"><label for="qa">${t('filterQa')}</label>
        <select id="qa" @change=${(e: Event) => this.set({ qa: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${f.qa === ''}>${t('qaAll')}</option>
          <option value="any" ?selected=${f.qa === 'any'}>${t('qaAnyIssue', { count: c?.qa.any ?? 0 })}</option>
          <option value="error" ?selected=${f.qa === 'error'}>${t('qaErrors', { count: c?.qa.error ?? 0 })}</option>
          <option value="warning" ?selected=${f.qa === 'warning'}>${t('qaWarnings', { count: c?.qa.warning ?? 0 })}</option>
          ${checks.map(([code, n]) => html`<option value=${`check:${code}`} ?selected=${f.qa === `check:${code}`}>${t('qaCheck', { code, count: n })}</option>`)}
        </select></div>
      <label class="check"><input type="checkbox" id="memory" .checked=${f.memory} @change=${(e: Event) => this.set({ memory: (e.target as HTMLInputElement).checked })}>
        ${t('filterMemory', { count: c?.memory ?? 0 })}</label>
      <div class="field"><label for="search">${t('filterSearch')}</label>
        <input type="search" id="search" placeholder=${t('filterSearchPlaceholder')} .value=${f.text} @input=${this.onSearch}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (clearTimeout(this.searchTimer), this.set({ text: this.searchInput.value }))}></div>
      <div class="field"><label for="where">${t('filterWhere')}</label>
        <select id="where" @change=${(e: Event) => this.set({ where: (e.target as HTMLSelectElement).value as SegmentFilter['where'] })}>
          <option value="both" ?selected=${f.where === 'both'}>${t('whereBoth')}</option>
          <option value="source" ?selected=${f.where === 'source'}>${t('whereSource')}</option>
          <option value="target" ?selected=${f.where === 'target'}>${t('whereTarget')}</option>
        </select></div>
      <span class="showing" role="status">${t('filterShowing', { shown: this.shown, total: c?.total ?? 0 })}</span>
      <button class="btn small" data-action="clear-filters" @click=${() => { this.searchInput.value = ''; this.set({ ...NO_FILTER }); }}>${t('filterClear')}</button>
      <div class="field"><label for="goto">${t('gotoLabel')} <kbd>Ctrl+G</kbd></label>
        <input class="goto" id="goto" type="text" inputmode="numeric" @keydown=${this.onGoto}></div>
      <div class="nav">
        <button class="btn small" data-nav="prev-qa" title=${t('navQaTitle')} @click=${() => this.fire('wb-nav', { action: 'prev-qa' })}>${t('navPrevQa')}</button>
        <button class="btn small" data-nav="next-qa" title=${t('navQaTitle')} @click=${() => this.fire('wb-nav', { action: 'next-qa' })}>${t('navNextQa')}</button>
        <button class="btn small" data-nav="prev-open" title=${t('navOpenTitle')} @click=${() => this.fire('wb-nav', { action: 'prev-open' })}>${t('navPrevOpen')}</button>
        <button class="btn small" data-nav="next-open" title=${t('navOpenTitle')} @click=${() => this.fire('wb-nav', { action: 'next-open' })}>${t('navNextOpen')}</button>
        <button class="btn small" aria-pressed=${this.findOpen ? 'true' : 'false'} data-action="find" @click=${() => this.fire('wb-toggle-find')}>${t('findOpen')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-filter-bar': WbFilterBar;
  }
}
