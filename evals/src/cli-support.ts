/**
 * What the eval command's parts share: its injectable dependencies, argument errors, and progress on stderr.
 */
import type { BriefWriter } from './runner/run-briefs.ts';
import type { JudgeCall } from './runner/brief-judge.ts';
import type { Progress } from './runner/run-translation.ts';
import type { Report } from './report/build-report.ts';
import type { MqmJudge } from './runner/mqm-judge.ts';
import { readFile } from 'node:fs/promises';
import type { DatasetItem, ItemResult, QaCheck, RunSpec, Translator } from './runner/types.ts';

export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Where --progress-json writes its lines (process.stdout). */
  stdout?: { write(s: string): unknown };
  /** Replaces the product translator (tests). */
  translator?: Translator;
  /** Replaces the product brief chain (tests). */
  briefWriter?: BriefWriter;
  /** Replaces the judge model call (tests). */
  judgeCall?: JudgeCall;
  qa?: QaCheck;
  /** Replaces the MQM judge (tests). */
  judge?: MqmJudge;
}

/**
 * A line of `--progress-json` on stdout: `start` once the dataset is read (items, and calls in the whole grid),
 * `progress` after every item, `saved` with the stored run's id (--save), `error` with the message of a run that
 * could not start or finish (also on stderr). Failed items are counted in `progress`, never an `error`.
 */
export type ProgressEvent =
  | { event: 'start'; items: number; total: number }
  | ({ event: 'progress' } & Progress)
  | { event: 'saved'; id: string }
  | { event: 'error'; message: string };

/** A bad argument or setting: reported with the usage, exit code 2. */
export class UsageError extends Error {}

/** Parse a positive integer option, or the fallback when it is absent. */
export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  // options are named --limit; environment variables as they are (EVAL_JUDGE_REPEATS)
  const label = /^[A-Z]/.test(name) ? name : `--${name}`;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${label} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Parse a non-negative integer option, or the fallback when it is absent. */
export function nonNegativeInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number of 0 or more, got ${JSON.stringify(value)}`);
  return n;
}

/** Read an earlier report.json (--baseline, --retry-failed); `why` prefixes the message when it cannot be used. */
export async function readReport(file: string, why: string): Promise<Report> {
  let report: Report;
  try {
    report = JSON.parse(await readFile(file, 'utf8')) as Report;
  } catch (err) {
    throw new UsageError(`${why}cannot read ${file} as a report (${(err as Error).message})`);
  }
  if (!Array.isArray(report?.runs) || !report.runs.every((r) => Array.isArray(r.items) && typeof r.prompt === 'string')) {
    throw new UsageError(`${why}${file} is not a translation eval report.json`);
  }
  return report;
}

/** The answered items of an earlier report by configuration and id: what --retry-failed keeps. */
export function answeredIn(report: Report): (spec: RunSpec, id: string) => ItemResult | undefined {
  const kept = new Map<string, ItemResult>();
  for (const r of report.runs) for (const it of r.items) if (!it.error) kept.set(JSON.stringify([r.prompt, r.model, r.repeat, it.id]), it);
  return (spec, id) => kept.get(JSON.stringify([spec.prompt, spec.model, spec.repeat, id]));
}

/** Progress on stderr: one updating line on a terminal, a line per tenth otherwise. */
export function progressPrinter(stderr: NonNullable<CliDeps['stderr']>): (p: Progress) => void {
  let lastPct = -1;
  return (p) => {
    const line = `eval ${p.done}/${p.total} (${p.cached} cached, ${p.failed} failed)`;
    if (stderr.isTTY) {
      stderr.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const pct = Math.floor((p.done / p.total) * 10);
    if (pct !== lastPct || p.done === p.total) {
      lastPct = pct;
      stderr.write(`${line}\n`);
    }
  };
}


/** A warning naming the items whose reference is only whitespace (they are scored as having no reference). */
export function blankReferenceWarnings(dataset: DatasetItem[]): string[] {
  const blank = dataset.filter((i) => i.en !== undefined && i.en !== '' && i.en.trim() === '').map((i) => i.id);
  if (!blank.length) return [];
  const shown = blank.slice(0, 5).join(', ') + (blank.length > 5 ? `, and ${blank.length - 5} more` : '');
  return [`${blank.length} item(s) have a whitespace-only reference and are not scored, like items without one: ${shown}`];
}

/** The one-line verdict: a winner only when significant after correction, otherwise "no significant difference". */
export function verdictLine(report: Pick<Report, 'winner' | 'best' | 'runs'>): string {
  if (report.winner) return `winner: ${report.winner.label} (chrF++ ${report.winner.chrfpp.toFixed(2)}, significantly different from every other configuration)`;
  if (!report.best) return 'no configuration could be scored';
  if (report.runs.filter((r) => r.repeat === 0).length < 2) return `chrF++ ${report.best.chrfpp.toFixed(2)} (one configuration, nothing to compare)`;
  return `no significant difference (highest chrF++: ${report.best.label}, ${report.best.chrfpp.toFixed(2)})`;
}
