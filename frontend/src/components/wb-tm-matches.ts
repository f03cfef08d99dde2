/**
 * Translation-memory matches for one segment: the remembered source and English, the similarity as a percentage,
 * who approved it, and a button that puts that English into the edit. A fuzzy match shows how its source differs
 * from this segment's (words removed struck through, words added underlined) and calls out figures that differ; a
 * sentence match says which sentence it is for. Fires `wb-use-tm` (bubbling, composed) with `{ id, text }`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TmMatch } from '../api/tm.ts';
import { formatDate, t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { wordDiff } from '../lib/word-diff.ts';

@customElement('wb-tm-matches')
export class WbTmMatches extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 6px; font-size: 13px; }
    section { border: 1px solid #c7d7fe; background: #f5f8ff; border-radius: 6px; padding: 6px 8px; }
    h3 { margin: 0 0 4px; font-size: 12px; color: #344054; font-weight: 600; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: 3.6em minmax(0, 1fr) auto; gap: 4px 8px; align-items: start; padding: 4px 0; border-top: 1px solid #dbe4ff; }
    li:first-child { border-top: 0; }
    .pct { font-weight: 700; font-variant-numeric: tabular-nums; color: #1e3a8a; }
    .pct.exact { color: #064e3b; }
    .src { color: #475467; font-size: 12.5px; }
    .by { color: #667085; font-size: 11.5px; }
    .muted { color: #475467; font-style: italic; }
    button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 5px; border: 1px solid #98a2b3; background: #fff; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: default; }
    button:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
    .diff del { background: #fee2e2; color: #7f1d1d; }
    .diff ins { background: #dcfce7; color: #14532d; text-decoration: underline; }
    .numbers { color: #9a3412; font-size: 12px; font-weight: 600; }
    .kind { color: #475467; font-size: 11.5px; }
  `;

  @property() segmentId = '';
  /** The matches, or 'loading' while the lookup runs. */
  @property({ attribute: false }) found: TmMatch[] | 'loading' = [];
  /** The edit box's text: a match equal to it cannot be used again. */
  @property() current = '';
  /** This segment's Vietnamese source, to show how a fuzzy match's source differs from it. */
  @property() source = '';

  constructor() {
    super();
    new LangController(this);
  }

  private use(m: TmMatch): void {
    this.dispatchEvent(new CustomEvent('wb-use-tm', { bubbles: true, composed: true, detail: { id: this.segmentId, text: m.target } }));
  }

  /** The memory's source against this segment's (or the sentence the match is for): what the editor must re-check. */
  private renderSource(m: TmMatch) {
    const mine = m.sentence ? this.source.slice(m.sentence.start, m.sentence.end) : this.source;
    if (m.exact || !mine) return html`<span class="src" lang="vi">${m.source}</span>`;
    return html`<span class="src diff" lang="vi" aria-label=${t('tmDiffLabel')}>${wordDiff(m.source, mine).map((p) =>
      p.op === 'same' ? p.text : p.op === 'removed' ? html`<del title=${t('tmDiffRemoved')}>${p.text}</del>` : html`<ins title=${t('tmDiffAdded')}>${p.text}</ins>`)}</span>`;
  }

  private renderMatch(m: TmMatch) {
    const pct = Math.floor(m.score * 100);
    const changes = m.numberChanges ?? [];
    return html`<li>
      <span class="pct ${m.exact ? 'exact' : ''}" title=${t('tmMatch', { pct })}>${pct}%</span>
      <span><span lang="en">${m.target}</span><br />${this.renderSource(m)}
        ${changes.length ? html`<br /><span class="numbers" role="note">${t('tmNumbersDiffer', { list: changes.map((c) => `${c.memory ?? '—'} → ${c.current ?? '—'}`).join(', ') })}</span>` : nothing}
        ${m.sentence ? html`<br /><span class="kind">${t('tmSentenceMatch', { n: m.sentence.index + 1 })}</span>` : nothing}
        <br /><span class="by">${t('tmBy', { who: m.createdBy ?? '—', time: formatDate(m.updatedAt) })}</span></span>
      <button ?disabled=${m.target === this.current} aria-label=${t('tmUseLabel', { pct })} @click=${() => this.use(m)}>${t('tmUse')}</button>
    </li>`;
  }

  protected override render() {
    if (this.found === 'loading') return html`<p class="muted" role="status">${t('tmLoading')}</p>`;
    if (this.found.length === 0) return nothing;
    return html`<section aria-label=${t('tmHeading')}><h3>${t('tmHeading')}</h3><ol>${this.found.map((m) => this.renderMatch(m))}</ol></section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-tm-matches': WbTmMatches;
  }
}
