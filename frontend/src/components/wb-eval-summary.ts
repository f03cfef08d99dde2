/**
 * A report's summary: one row per prompt × model (chrF++, BLEU and chrF with 95% intervals where the report has
 * them, failed items, QA issues, tokens, latency, cost) with the winner marked, then the paired comparisons.
 * Brief reports carry other metrics, so their table lists whatever numeric metrics the runs have.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fmt, qaTotal, significantWinner, type EvalReport, type Interval, type ReportRun } from '../lib/eval-report.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import { sharedStyles } from './shared-styles.ts';

const ci = (i: Interval | null | undefined) => (i ? html` <span class="ci">± ${fmt(i.ci)}</span>` : nothing);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x)}`;
const pair = (a: number | null | undefined, b: number | null | undefined, d = 0) => `${fmt(a, d)} / ${fmt(b, d)}`;

@customElement('wb-eval-summary')
export class WbEvalSummary extends LitElement {
  static override styles = [sharedStyles, css`
    :host { display: block; }
    h2 { font-size: 17px; margin: 20px 0 8px; }
    .scroll { overflow-x: auto; }
    table { width: 100%; border-collapse: collapse; background: #fff; }
    th, td { text-align: left; padding: 6px 9px; border-bottom: 1px solid #e4e7ec; font-size: 13.5px; white-space: nowrap; }
    th { background: #f2f4f7; font-weight: 600; white-space: normal; vertical-align: bottom; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.winner td { background: #ecfdf3; }
    tr.sig td { background: #f0f9ff; }
    .ci { color: #475467; font-size: 12px; }
    .bad { color: #b42318; font-weight: 600; }
    .badge.win { display: inline-block; border-radius: 9px; padding: 0 7px; font-size: 11px; font-weight: 600; background: #1b6e20; color: #fff; margin-left: 6px; }
  `];

  @property({ attribute: false }) report!: EvalReport;

  constructor() {
    super();
    new LangController(this);
  }

  private translationRow(r: ReportRun, winner: string | undefined, mqmOn: boolean) {
    const m = r.metrics;
    const win = r.label === winner;
    // failed items are in the scores as empty translations: say how many beside each score
    const failed = m.failed ? html` <span class="bad" title=${t('evalFailedTitle')}>${t('evalFailedBeside', { n: m.failed as number })}</span>` : nothing;
    return html`<tr class=${win ? 'winner' : ''}>
      <td>${r.prompt}${win ? html`<span class="badge win">${t('evalWinner')}</span>` : nothing}</td><td>${r.model}</td><td class="num">${r.repeat + 1}</td>
      <td class="num">${fmt(m.chrfpp)}${ci(m.chrfppInterval)}${failed}</td><td class="num">${fmt(m.bleu)}${ci(m.bleuInterval)}${failed}</td><td class="num">${fmt(m.chrf)}</td>${mqmOn ? html`<td class="num">${m.mqm ? fmt(m.mqm.per1000, 1) : '–'}</td>` : nothing}
      <td class="num">${m.scored ?? '–'}</td><td class="num ${m.failed ? 'bad' : ''}">${m.failed ?? '–'}</td><td class="num">${qaTotal(m.qa)}</td>
      <td class="num">${pair(m.tokensIn, m.tokensOut)}</td><td class="num">${pair(m.latencyMsP50, m.latencyMsP95)}</td>
      <td class="num">${typeof m.costUsd === 'number' ? `$${m.costUsd.toFixed(4)}` : '–'}</td>
    </tr>`;
  }

  private translationTable(rep: EvalReport) {
    const winner = significantWinner(rep)?.label;
    // the MQM judge's penalty sits next to chrF++ and BLEU when the run was judged
    const mqmOn = rep.runs.some((r) => r.metrics.mqm);
    return html`<table><thead><tr><th>${t('evalColPrompt')}</th><th>${t('evalColModel')}</th><th class="num">${t('evalColRepeat')}</th>
      <th class="num">chrF++ (95% CI)</th><th class="num">BLEU (95% CI)</th><th class="num">chrF</th>${mqmOn ? html`<th class="num">${t('evalColMqm')}</th>` : nothing}<th class="num">${t('evalColScored')}</th>
      <th class="num">${t('evalColFailed')}</th><th class="num">${t('evalColQa')}</th><th class="num">${t('evalColTokens')}</th>
      <th class="num">${t('evalColLatency')}</th><th class="num">${t('evalColCost')}</th></tr></thead>
      <tbody>${rep.runs.map((r) => this.translationRow(r, winner, mqmOn))}</tbody></table>${this.judge(rep)}`;
  }

  private judge(rep: EvalReport) {
    const a = rep.judge?.agreement;
    if (!a) return nothing;
    const key = a.verdict === 'disagrees' ? 'evalJudgeDisagrees' : a.verdict === 'agrees' ? 'evalJudgeAgrees' : 'evalJudgeTooFew';
    return html`<p class=${a.verdict === 'disagrees' ? 'bad' : 'muted'}>${t(key, { n: a.n, r: fmt(a.pearson, 2), p: fmt(a.precision, 2), rec: fmt(a.recall, 2) })}</p>`;
  }

  private genericTable(rep: EvalReport) {
    const keys = [...new Set(rep.runs.flatMap((r) => Object.keys(r.metrics).filter((k) => typeof r.metrics[k] === 'number')))];
    return html`<table><thead><tr><th>${t('evalColPrompt')}</th><th>${t('evalColModel')}</th>${keys.map((k) => html`<th class="num">${k}</th>`)}</tr></thead>
      <tbody>${rep.runs.map((r) => html`<tr><td>${r.prompt}</td><td>${r.model}</td>${keys.map((k) => html`<td class="num">${fmt(r.metrics[k] as number)}</td>`)}</tr>`)}</tbody></table>`;
  }

  private comparisons(rep: EvalReport) {
    if (!rep.comparisons?.length) return nothing;
    return html`<h2>${t('evalComparisons')}</h2><div class="scroll"><table class="comparisons"><thead><tr><th>${t('evalColMetric')}</th>
      <th>${t('evalColBaseline')}</th><th>${t('evalColSystem')}</th><th class="num">n</th><th class="num">${t('evalColDelta')}</th>
      <th class="num">${t('evalColDeltaCi')}</th><th class="num">${t('evalColP')}</th><th class="num">${t('evalColPHolm')}</th><th>${t('evalColVerdict')}</th></tr></thead>
      <tbody>${rep.comparisons.map((c) => html`<tr class=${c.significant ? 'sig' : ''}><td>${c.metric}</td><td>${c.baseline}</td><td>${c.system}</td>
        <td class="num">${c.n}</td><td class="num">${signed(c.delta)}${typeof c.deltaMean === 'number' ? html` <span class="ci">(${signed(c.deltaMean)})</span>` : nothing}</td><td class="num">[${fmt(c.ciLow)}, ${fmt(c.ciHigh)}]</td>
        <td class="num">${fmt(c.pValue, 3)}</td><td class="num">${fmt(c.pHolm ?? c.pValue, 3)}</td><td>${c.significant ? t('evalDifferent') : t('evalNoSignificant')}</td></tr>`)}</tbody></table>
      <p class="muted">${t('evalStatistics')} ${rep.comparisons.length > 2 ? t('evalHolm') : ''}</p></div>`;
  }

  protected override render() {
    const rep = this.report;
    if (!rep) return nothing;
    return html`<h2>${t('evalSummary')}</h2>
      <div class="scroll">${rep.kind === 'brief' ? this.genericTable(rep) : this.translationTable(rep)}</div>
      ${this.comparisons(rep)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-eval-summary': WbEvalSummary;
  }
}
