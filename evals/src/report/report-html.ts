/**
 * report.html: one self-contained page (inline CSS and JS, no external request). The summary table is rendered
 * here as escaped HTML; the per-item view is drawn by a small inline script from JSON embedded in the page, using
 * textContent only, 50 items a page with filters (failed, changed, QA flags, worst N), so 2,000 items stay fast. Every string in a report is untrusted (model output, dataset text) and is never parsed as HTML.
 */
import type { Report, ReportRun } from './build-report.ts';
import { REPORT_CSS, REPORT_SCRIPT } from './report-assets.ts';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators that break older parsers. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));

function summaryRow(r: ReportRun, winner: string | undefined): string {
  const m = r.metrics;
  const ci = (i: { ci: number } | null) => (i ? ` <span class="ci">± ${fmt(i.ci)}</span>` : '');
  // the failure count sits beside every score: those items are in the score as empty translations
  const failed = m.failed ? ` <span class="bad" title="failed items, scored as empty translations">${m.failed} failed</span>` : '';
  const qaTotal = Object.values(m.qa).reduce((s, v) => s + v, 0);
  const isWinner = r.label === winner;
  return `<tr${isWinner ? ' class="winner"' : ''}><td>${escapeHtml(r.prompt)}${isWinner ? ' <span class="badge win">winner</span>' : ''}</td>
<td>${escapeHtml(r.model)}</td><td>${r.repeat + 1}</td>
<td class="num">${fmt(m.chrfpp)}${ci(m.chrfppInterval)}${failed}</td><td class="num">${fmt(m.bleu)}${ci(m.bleuInterval)}${failed}</td>
<td class="num">${fmt(m.chrf)}</td>${m.mqm !== undefined ? `<td class="num">${m.mqm ? `${fmt(m.mqm.per1000, 1)} <span class="ci">${m.mqm.majorItems} major${m.mqm.notJudged ? `, ${m.mqm.notJudged} not judged` : ''}</span>` : '–'}</td>` : ''}<td class="num">${m.scored}</td><td class="num${m.failed ? ' bad' : ''}">${m.failed}</td>
<td class="num">${m.cached}</td><td class="num">${qaTotal}</td><td class="num">${m.tokensIn} / ${m.tokensOut}</td>
<td class="num">${fmt(m.latencyMsP50, 0)} / ${fmt(m.latencyMsP95, 0)}</td><td class="num">${m.costUsd === null ? '–' : `$${m.costUsd.toFixed(4)}`}</td></tr>`;
}

const pFmt = (p: number) => (p < 0.001 ? '&lt; 0.001' : p.toFixed(3));

function comparisonRows(report: Report): string {
  return report.comparisons
    .map(
      (c) => `<tr${c.significant ? ' class="sig"' : ''}><td>${escapeHtml(c.metric)}</td><td>${escapeHtml(c.baseline)}</td>
<td>${escapeHtml(c.system)}</td><td class="num">${c.n}</td><td class="num">${c.delta >= 0 ? '+' : ''}${fmt(c.delta)}</td>
<td class="num">[${fmt(c.ciLow)}, ${fmt(c.ciHigh)}]</td><td class="num">${pFmt(c.pValue)}</td><td class="num">${pFmt(c.pHolm ?? c.pValue)}</td>
<td>${c.significant ? 'different' : 'no significant difference'}</td></tr>`,
    )
    .join('\n');
}

function answeredByAllTable(report: Report): string {
  const a = report.answeredByAll;
  if (!a) return '';
  return `<h2>Scored on the ${a.items} items every configuration answered</h2>
<p class="meta">A secondary view: it leaves out the items any configuration failed on, so it is not the headline score and names no winner.</p>
<table class="summary"><thead><tr><th>configuration</th><th>chrF++</th><th>BLEU</th><th>chrF</th></tr></thead>
<tbody>${a.runs.map((r) => `<tr><td>${escapeHtml(r.label)}</td><td class="num">${fmt(r.chrfpp)}</td><td class="num">${fmt(r.bleu)}</td><td class="num">${fmt(r.chrf)}</td></tr>`).join('\n')}</tbody></table>`;
}

function judgeSection(report: Report): string {
  const j = report.judge;
  if (!j) return '';
  const a = j.agreement;
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)}%`);
  const body = !a
    ? '<p>No item of this dataset carries reviewer annotations: the judge\'s agreement with the reviewers could not be measured.</p>'
    : `<p class="${a.verdict === 'disagrees' ? 'bad' : ''}">${a.verdict === 'disagrees' ? '<strong>The judge disagrees with the office\'s reviewers</strong>: read its scores with care.' : a.verdict === 'agrees' ? 'The judge agrees with the office\'s reviewers on the annotated segments.' : 'Too few annotated segments to say whether the judge agrees with the reviewers.'}</p>
<table class="summary"><tbody><tr><td>annotated segments judged</td><td class="num">${a.n}${a.notJudged ? ` (${a.notJudged} not judged)` : ''}</td></tr>
<tr><td>Pearson r of penalties per segment</td><td class="num">${fmt(a.pearson, 3)}</td></tr>
<tr><td>"has a major error": precision / recall</td><td class="num">${pct(a.precision)} / ${pct(a.recall)}</td></tr>
<tr><td>major: reviewers / judge / both</td><td class="num">${a.reviewerMajor} / ${a.judgeMajor} / ${a.bothMajor}</td></tr></tbody></table>`;
  return `<h2>MQM judge</h2><p class="meta">${escapeHtml(j.prompt)} (${escapeHtml(j.promptHash.slice(0, 12))}) on ${escapeHtml(j.model)}, GEMBA-MQM style; weights minor 1, major 5, critical 25 per 1,000 source words; a failed item counts as one critical omission.</p>${body}`;
}

/** The verdict sentence: a winner only when significant after correction. */
function verdictHtml(report: Report): string {
  const w = report.winner;
  if (w) return `Winner on chrF++: <strong>${escapeHtml(w.label)}</strong> (${fmt(w.chrfpp)}), significantly different from every other configuration (p ≤ 0.05${report.comparisons.length > 2 ? ', Holm-corrected' : ''}).`;
  const b = report.best;
  if (!b) return 'No configuration could be scored (no references).';
  if (report.runs.filter((r) => r.repeat === 0).length < 2) return `chrF++ ${fmt(b.chrfpp)}.`;
  return `<strong>No significant difference</strong>: the highest chrF++ is ${escapeHtml(b.label)} (${fmt(b.chrfpp)}), but not significantly different from every other configuration.`;
}

/**
 * Per-item data for the inline script: first-repeat candidates with their sentence chrF++ (a failed one as 0, the
 * empty translation it counts as). Word diffs are computed in the page for the items on screen only, which keeps
 * the file small (990 x 2 well under 2 MB) and its writing fast.
 */
function itemData(report: Report) {
  const runs = report.runs.filter((r) => r.repeat === 0);
  const first = runs[0];
  if (!first) return { labels: [], items: [] };
  const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
  const items = first.items.map((it, idx) => {
    const candidates = runs.map((r) => {
      const c = r.items[idx]!;
      const out: { text: string; chrfpp: number | null; qa: Record<string, number>; error?: string; raw?: string } = { text: c.hypothesis, chrfpp: round(c.scores.chrfpp), qa: c.qa };
      if (c.error) out.error = c.error.message;
      if (c.error?.rawAnswer !== undefined) out.raw = c.error.rawAnswer;
      return out;
    });
    const scores = candidates.map((c) => c.chrfpp ?? (c.error !== undefined ? 0 : null)).filter((x): x is number => x !== null);
    const spread = scores.length > 1 ? Math.max(...scores) - Math.min(...scores) : 0;
    return { id: it.id, source: it.source, reference: it.reference ?? null, spread: Math.round(spread * 100) / 100, candidates };
  });
  return { labels: runs.map((r) => r.label), items };
}

/** Render the whole page. */
export function renderReportHtml(report: Report): string {
  const winner = report.winner?.label;
  const verdict = verdictHtml(report);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval report · ${escapeHtml(report.dataset.file)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<h1>Eval report</h1>
<p class="meta">Dataset <code>${escapeHtml(report.dataset.file)}</code> · ${report.dataset.items} items · ${escapeHtml(report.createdAt)} ·
bootstrap ${report.settings.bootstrap.samples} resamples, seed ${report.settings.bootstrap.seed} · ${escapeHtml(report.settings.metrics)}</p>
<p class="verdict">${verdict}</p>
<p class="meta">${escapeHtml(report.settings.statistics ?? '')}</p>
${(report.warnings ?? []).map((w) => `<p class="bad">Warning: ${escapeHtml(w)}</p>`).join('\n')}
<h2>Summary</h2>
<table class="summary"><thead><tr><th>prompt</th><th>model</th><th>repeat</th><th>chrF++ (95% CI)</th><th>BLEU (95% CI)</th><th>chrF</th>${report.judge ? '<th>MQM penalty / 1,000 words (judge)</th>' : ''}
<th>scored</th><th>failed</th><th>cached</th><th>QA issues</th><th>tokens in / out</th><th>latency p50 / p95 ms</th><th>cost</th></tr></thead>
<tbody>${report.runs.map((r) => summaryRow(r, winner)).join('\n')}</tbody></table>
${report.comparisons.length ? `<h2>Paired comparisons</h2>
<table class="summary"><thead><tr><th>metric</th><th>baseline</th><th>system</th><th>n</th><th>Δ</th><th>95% CI of Δ</th><th>p (two-sided)</th><th>p (Holm)</th><th>verdict</th></tr></thead>
<tbody>${comparisonRows(report)}</tbody></table>` : ''}
${answeredByAllTable(report)}
${judgeSection(report)}
<h2>Items</h2>
<p class="controls"><label>Sort <select id="sort"><option value="order">dataset order</option><option value="spread">failed first, then largest chrF++ difference</option>
<option value="low">lowest chrF++ first</option></select></label>
<label>Show <select id="filter"><option value="all">all items</option><option value="failed">failed items</option><option value="changed">items whose translations differ</option>
<option value="qa">items with QA flags or failures</option></select></label>
<label>Only the worst <input type="number" id="worst" min="0" step="10" value="0"> (0: all)</label></p>
<p class="pager"><button id="prev" type="button">‹ previous</button> <span id="page-info" role="status"></span> <button id="next" type="button">next ›</button></p>
<div id="items"></div>
<script type="application/json" id="report-data">${jsonForScript(itemData(report))}</script>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
