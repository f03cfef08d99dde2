/**
 * What the eval command's parts share: its injectable dependencies, argument errors, and progress on stderr.
 */
import type { BriefWriter } from './runner/run-briefs.ts';
import type { JudgeCall } from './runner/brief-judge.ts';
import type { Progress } from './runner/run-translation.ts';
import type { QaCheck, Translator } from './runner/types.ts';

export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Replaces the product translator (tests). */
  translator?: Translator;
  /** Replaces the product brief chain (tests). */
  briefWriter?: BriefWriter;
  /** Replaces the judge model call (tests). */
  judgeCall?: JudgeCall;
  qa?: QaCheck;
}

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

