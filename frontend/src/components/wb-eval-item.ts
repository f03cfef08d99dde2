/**
 * One evaluation item side by side: source, reference, and each candidate with its sentence chrF++, QA badges,
 * error, and a word diff against the reference (deleted reference words struck through, added words underlined).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fmt, type Candidate, type ItemRow } from '../lib/eval-report.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { wordDiff } from '../lib/word-diff.ts';
import { sharedStyles } from './shared-styles.ts';

@customElement('wb-eval-item')
export class WbEvalItem extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; margin-bottom: 10px; }
    header { display: flex; gap: 12px; align-items: baseline; padding: 6px 12px; background: #f9fafb; border-bottom: 1px solid #e4e7ec; border-radius: 8px 8px 0 0; }
    header strong { font-family: ui-monospace, monospace; font-size: 13px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); }
    .cell { padding: 8px 12px; border-right: 1px solid #f2f4f7; font-size: 14px; line-height: 1.45; }
    .cell:last-child { border-right: 0; }
    h4 { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: #475467; display: flex; gap: 6px; flex-wrap: wrap; align-items: baseline; }
    .score { font-variant-numeric: tabular-nums; color: #101828; }
    .best h4 .score { color: #1b6e20; font-weight: 700; }
    ins { background: #dcfce7; text-decoration: underline; text-decoration-color: #16a34a; }
    del { background: #fee2e2; color: #7f1d1d; }
    .badge { display: inline-block; border-radius: 9px; padding: 0 7px; font-size: 11px; background: #e6e9ee; font-weight: 600; }
    .badge.qa { background: #fde7c8; color: #7a4a00; }
    .badge.err { background: #fbd5d2; color: #8c1d18; }
    .errtext { color: #8c1d18; }
  `];

  @property({ attribute: false }) row!: ItemRow;

  constructor() {
    super();
    new LangController(this);
  }

  private renderCandidate(c: Candidate, best: number | null) {
    const ref = this.row.reference;
    const text = c.missing
      ? html`<span class="muted">${t('evalMissing')}</span>`
      : c.error
      ? html`<span class="errtext">${c.error}</span>${c.raw ? html`<div class="raw"><span class="muted">${t('evalRejected')}:</span> ${c.raw}</div>` : nothing}`
      : ref
        ? wordDiff(ref, c.text).map((p) => (p.op === 'same' ? p.text : p.op === 'added' ? html`<ins>${p.text}</ins>` : html`<del>${p.text}</del>`))
        : c.text;
    const isBest = best !== null && c.chrfpp === best && this.row.spread > 0;
    return html`<div class="cell candidate ${isBest ? 'best' : ''}">
      <h4><span>${c.label}</span><span class="score">chrF++ ${fmt(c.chrfpp, 1)}</span>
        ${c.error ? html`<span class="badge err">${t('evalError')}</span>` : nothing}
        ${Object.entries(c.qa).map(([k, v]) => html`<span class="badge qa">${k} ${v}</span>`)}</h4>
      <div>${text}</div>
    </div>`;
  }

  protected override render() {
    const r = this.row;
    if (!r) return nothing;
    const scores = r.candidates.map((c) => c.chrfpp).filter((x): x is number => x !== null);
    const best = scores.length ? Math.max(...scores) : null;
    return html`<header><strong>${r.id}</strong>${r.candidates.length > 1 ? html`<span class="muted">${t('evalDifference', { spread: fmt(r.spread, 1) })}</span>` : nothing}</header>
      <div class="grid">
        <div class="cell"><h4>${t('evalSource')}</h4><div lang="vi">${r.source}</div></div>
        <div class="cell"><h4>${t('evalReference')}</h4><div>${r.reference ?? html`<span class="muted">${t('evalNoReference')}</span>`}</div></div>
        ${r.candidates.map((c) => this.renderCandidate(c, best))}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-eval-item': WbEvalItem;
  }
}
