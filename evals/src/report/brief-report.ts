/**
 * Reports for brief evaluations: per run the share of briefs that validate, of figures found in the segment they
 * cite, of key points citing real segments, and numbers invented in the prose; per item each candidate brief.
 */
import type { JudgeComparison } from '../runner/brief-judge.ts';
import type { BriefItemResult, BriefRun } from '../runner/run-briefs.ts';
import { escapeHtml } from './report-html.ts';
import { REPORT_CSS } from './report-assets.ts';

export interface BriefRunMetrics {
  items: number;
  failed: number;
  cached: number;
  schemaValidRate: number | null;
  figuresPreservedRate: number | null;
  keyPointsRealRate: number | null;
  inventedNumbers: number;
  tokensIn: number;
  tokensOut: number;
}

export interface BriefReport {
  kind: 'brief';
  createdAt: string;
  dataset: { file: string; items: number };
  runs: { label: string; prompt: string; model: string; repeat: number; promptHash: string; metrics: BriefRunMetrics; items: BriefItemResult[] }[];
  comparisons: never[];
  /** LLM-judge comparisons (EVAL_JUDGE_MODEL), each configuration against the first. */
  judge: JudgeComparison[];
}

const rate = (num: number, den: number) => (den ? num / den : null);

function metrics(items: BriefItemResult[]): BriefRunMetrics {
  const scored = items.filter((i) => i.scores);
  const sum = (f: (i: BriefItemResult) => number) => scored.reduce((s, i) => s + f(i), 0);
  return {
    items: items.length,
    failed: items.filter((i) => i.error).length,
    cached: items.filter((i) => i.cached).length,
    schemaValidRate: rate(scored.filter((i) => i.scores!.schemaValid).length, scored.length),
    figuresPreservedRate: rate(sum((i) => i.scores!.figuresPreserved), sum((i) => i.scores!.figures)),
    keyPointsRealRate: rate(sum((i) => i.scores!.keyPointsReal), sum((i) => i.scores!.keyPoints)),
    inventedNumbers: sum((i) => i.scores!.inventedNumbers),
    tokensIn: sum((i) => i.tokensIn),
    tokensOut: sum((i) => i.tokensOut),
  };
}

/** Assemble the brief report. */
export function buildBriefReport(runs: BriefRun[], meta: { datasetFile: string; datasetItems: number; repeat: number }, judge: JudgeComparison[] = []): BriefReport {
  return {
    kind: 'brief',
    createdAt: new Date().toISOString(),
    dataset: { file: meta.datasetFile, items: meta.datasetItems },
    runs: runs.map((r) => ({
      label: `${r.prompt} · ${r.model}${meta.repeat > 1 ? ` #${r.repeat + 1}` : ''}`,
      prompt: r.prompt,
      model: r.model,
      repeat: r.repeat,
      promptHash: r.fingerprint.promptHash,
      metrics: metrics(r.items),
      items: r.items,
    })),
    comparisons: [],
    judge,
  };
}

const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Render the brief report as one self-contained, escaped page. */
export function renderBriefReportHtml(report: BriefReport): string {
  const rows = report.runs
    .map((r) => {
      const m = r.metrics;
      return `<tr><td>${escapeHtml(r.prompt)}</td><td>${escapeHtml(r.model)}</td><td>${r.repeat + 1}</td><td class="num">${pct(m.schemaValidRate)}</td>
<td class="num">${pct(m.figuresPreservedRate)}</td><td class="num">${pct(m.keyPointsRealRate)}</td><td class="num">${m.inventedNumbers}</td>
<td class="num${m.failed ? ' bad' : ''}">${m.failed}</td><td class="num">${m.cached}</td><td class="num">${m.tokensIn} / ${m.tokensOut}</td></tr>`;
    })
    .join('\n');
  const first = report.runs[0];
  const items = (first?.items ?? [])
    .map((it, idx) => {
      const cands = report.runs
        .map((r) => {
          const c = r.items[idx]!;
          const body = c.brief
            ? `<strong>${escapeHtml(c.brief.headline)}</strong><p>${escapeHtml(c.brief.summary)}</p><ul>${c.brief.keyPoints
                .map((k) => `<li>${escapeHtml(k.text)} <span class="badge">${escapeHtml(k.segmentIds.join(', '))}</span></li>`)
                .join('')}</ul>`
            : `<span class="badge err">error</span> ${escapeHtml(c.error?.message ?? '')}`;
          return `<div class="row"><div class="k">${escapeHtml(r.label)}</div><div>${body}</div></div>`;
        })
        .join('');
      return `<div class="item"><h3>${escapeHtml(it.id)} · ${escapeHtml(it.title ?? '')}</h3>${cands}</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Brief eval · ${escapeHtml(report.dataset.file)}</title><style>${REPORT_CSS}</style></head><body>
<h1>Brief eval report</h1>
<p class="meta">Dataset <code>${escapeHtml(report.dataset.file)}</code> · ${report.dataset.items} articles · ${escapeHtml(report.createdAt)}</p>
<table class="summary"><thead><tr><th>prompt</th><th>model</th><th>repeat</th><th>schema valid</th><th>figures in source</th><th>key points cite real segments</th>
<th>invented numbers</th><th>failed</th><th>cached</th><th>tokens in / out</th></tr></thead><tbody>${rows}</tbody></table>
${report.judge.length ? `<h2>LLM judge</h2><table class="summary"><thead><tr><th>judge</th><th>baseline</th><th>system</th><th>pairs</th><th>repeats</th>
<th>wins baseline / system / tie</th><th>faithfulness</th><th>coverage</th><th>repeat agreement</th></tr></thead><tbody>${report.judge
    .map((j) => `<tr><td>${escapeHtml(j.judgeModel)}</td><td>${escapeHtml(j.baseline)}</td><td>${escapeHtml(j.system)}</td><td class="num">${j.n}</td><td class="num">${j.repeats}</td>
<td class="num">${j.wins.baseline} / ${j.wins.system} / ${j.wins.tie}</td><td class="num">${fmt(j.meanFaithfulness.baseline)} / ${fmt(j.meanFaithfulness.system)}</td>
<td class="num">${fmt(j.meanCoverage.baseline)} / ${fmt(j.meanCoverage.system)}</td><td class="num">${pct(j.agreement)}</td></tr>`)
    .join('')}</tbody></table>` : ''}
<h2>Briefs</h2>${items}
</body></html>
`;
}
