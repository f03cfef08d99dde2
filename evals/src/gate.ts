/**
 * The CI gate of an eval run: failed items beyond `--max-failures`, scores under `--min` thresholds, and regressions
 * against a baseline report beyond `--max-drop`, judged with the paired bootstrap test. Each check is one result, so
 * the command can exit non-zero with a one-line reason and write every check as a JUnit test case.
 */
import { compareRuns, type Report, type ReportRun } from './report/build-report.ts';
import { UsageError } from './cli-support.ts';

export const GATE_METRICS = ['chrfpp', 'bleu', 'chrf'] as const;
export type GateMetric = (typeof GATE_METRICS)[number];
const LABEL: Record<GateMetric, string> = { chrfpp: 'chrF++', bleu: 'BLEU', chrf: 'chrF' };

export interface GateOptions {
  maxFailures: number;
  min: Partial<Record<GateMetric, number>>;
  baseline?: Pick<Report, 'runs'>;
  /** Allowed drop per metric against the baseline; a larger, significant drop fails. */
  maxDrop: Partial<Record<GateMetric, number>>;
}

export interface GateCheck {
  /** The configuration checked (JUnit classname). */
  configuration: string;
  /** What was checked (JUnit test name). */
  name: string;
  ok: boolean;
  /** Set when the check could not be made (e.g. the configuration is not in the baseline). */
  skipped?: boolean;
  message: string;
}

/**
 * Parse `chrfpp=55` style values (repeatable) into a metric map.
 * @throws UsageError naming the option and the bad value.
 */
export function parseMetricValues(option: string, values: string[] | undefined): Partial<Record<GateMetric, number>> {
  const out: Partial<Record<GateMetric, number>> = {};
  for (const v of values ?? []) {
    const m = /^([a-z+]+)=(-?\d+(?:\.\d+)?)$/.exec(v.trim());
    const metric = m?.[1] === 'chrf++' ? 'chrfpp' : m?.[1];
    if (!m || !GATE_METRICS.includes(metric as GateMetric)) {
      throw new UsageError(`${option} expects METRIC=NUMBER with METRIC one of ${GATE_METRICS.join(', ')}, got ${JSON.stringify(v)}`);
    }
    out[metric as GateMetric] = Number(m[2]);
  }
  return out;
}

/** The baseline configuration a run is compared with: the same prompt and model, or the only one there is. */
function baselineFor(run: ReportRun, baseline: Pick<Report, 'runs'>): ReportRun | undefined {
  const firsts = baseline.runs.filter((r) => r.repeat === 0);
  return firsts.find((r) => r.prompt === run.prompt && r.model === run.model) ?? (firsts.length === 1 ? firsts[0] : undefined);
}

/** Every check of the gate, passing or not. */
export function gateChecks(report: Report, opts: GateOptions): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const run of report.runs) {
    const failed = run.metrics.failed;
    checks.push({
      configuration: run.label,
      name: `failed items <= ${opts.maxFailures}`,
      ok: failed <= opts.maxFailures,
      message: `${run.label}: ${failed} of ${run.items.length} items failed (--max-failures ${opts.maxFailures})`,
    });
    for (const [metric, min] of Object.entries(opts.min) as [GateMetric, number][]) {
      const score = run.metrics[metric];
      checks.push({
        configuration: run.label,
        name: `${LABEL[metric]} >= ${min}`,
        ok: score !== null && score >= min,
        message: `${run.label}: ${LABEL[metric]} ${score === null ? 'could not be scored' : score.toFixed(2)}, minimum ${min} (failed items count as empty)`,
      });
    }
  }
  if (opts.baseline) {
    for (const run of report.runs.filter((r) => r.repeat === 0)) {
      const base = baselineFor(run, opts.baseline);
      for (const [metric, drop] of Object.entries(opts.maxDrop) as [GateMetric, number][]) {
        const name = `${LABEL[metric]} no worse than baseline by more than ${drop}`;
        if (metric === 'chrf') throw new UsageError('--max-drop takes chrfpp or bleu (the paired test runs on those)');
        if (!base) {
          checks.push({ configuration: run.label, name, ok: true, skipped: true, message: `${run.label}: not in the baseline report, not compared` });
          continue;
        }
        const c = compareRuns(base, run).find((x) => x.metric === metric);
        if (!c) {
          checks.push({ configuration: run.label, name, ok: true, skipped: true, message: `${run.label}: no item in common with the baseline, not compared` });
          continue;
        }
        // a regression: a drop beyond the margin that the paired test says is real (p <= 0.05, interval excludes 0)
        const regressed = c.delta < -drop && c.pValue <= 0.05;
        checks.push({
          configuration: run.label,
          name,
          ok: !regressed,
          message: `${run.label}: ${LABEL[metric]} ${c.delta >= 0 ? '+' : ''}${c.delta.toFixed(2)} vs baseline ${base.label} on ${c.n} items ` +
            `(95% CI [${c.ciLow.toFixed(2)}, ${c.ciHigh.toFixed(2)}], p ${c.pValue.toFixed(3)}; --max-drop ${metric}=${drop})`,
        });
      }
    }
  }
  return checks;
}

/** The one line for stderr: the first failed check and how many more there are. */
export function gateLine(checks: GateCheck[]): string | null {
  const failed = checks.filter((c) => !c.ok);
  if (!failed.length) return null;
  return `eval: FAILED ${failed[0]!.message}${failed.length > 1 ? ` (and ${failed.length - 1} more failed check${failed.length > 2 ? 's' : ''})` : ''}`;
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // characters XML 1.0 cannot carry at all
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** JUnit XML: one test suite, one test case per check, classname = configuration. */
export function junitXml(checks: GateCheck[], suite = 'eval'): string {
  const failures = checks.filter((c) => !c.ok).length;
  const skipped = checks.filter((c) => c.skipped).length;
  const cases = checks.map((c) => {
    const head = `  <testcase classname="${xml(c.configuration)}" name="${xml(c.name)}" time="0"`;
    if (c.skipped) return `${head}>\n    <skipped message="${xml(c.message)}"/>\n  </testcase>`;
    if (!c.ok) return `${head}>\n    <failure message="${xml(c.message)}" type="eval-gate">${xml(c.message)}</failure>\n  </testcase>`;
    return `${head}>\n    <system-out>${xml(c.message)}</system-out>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(suite)}" tests="${checks.length}" failures="${failures}" skipped="${skipped}">\n` +
    `<testsuite name="${xml(suite)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n</testsuite>\n</testsuites>\n`;
}
