/**
 * Run the cross product prompt x model x repeat over a translation dataset: every call through the product's
 * translator, at most `concurrency` in flight across the whole grid, answers cached by the translator, failures recorded per item.
 */
import { Background } from './background.ts';
import { mapPool } from './pool.ts';
import { costUsd, qaCounts, scoreItem } from './score-item.ts';
import { verdictOf, type MqmJudge } from './mqm-judge.ts';
import type { DatasetItem, Fingerprint, ItemError, ItemJudgement, ItemResult, QaCheck, RunSpec, TranslateInput, TranslateResult, Translator } from './types.ts';

export interface RunOptions {
  prompts: string[];
  models: string[];
  repeat: number;
  concurrency: number;
  /** Caches answers itself (the product translator uses the workbench's model-run cache). */
  translator: Translator;
  qa?: QaCheck;
  /**
   * A result to keep instead of running the item (--retry-failed: the answered items of an earlier report), looked
   * up by configuration and item id.
   */
  reuse?: (spec: RunSpec, id: string) => ItemResult | undefined;
  /** The MQM judge, run on each answer in the same task (so within the same concurrency limit). */
  judge?: MqmJudge;
  /** Called after each finished item (for progress). */
  onProgress?: (p: Progress) => void;
  /** Called with each finished item: its run (index in prompt, model, repeat order) and dataset position. */
  onResult?: (run: number, position: number, result: ItemResult) => void;
  /** Where work that can wait for the gaps between answers runs (scoring, cache look-ahead); one of its own if absent. */
  background?: Background;
}

export interface Progress {
  done: number;
  total: number;
  failed: number;
  cached: number;
}

export interface TranslationRun extends RunSpec {
  fingerprint: Fingerprint;
  items: ItemResult[];
}

/** The chain's context for each item: the previous item of the same document. */
export function toInputs(items: DatasetItem[]): TranslateInput[] {
  return items.map((item, i) => {
    const prev = items[i - 1];
    const input: TranslateInput = { id: item.id, vi: item.vi };
    if (item.title) input.title = item.title;
    if (prev && item.doc && prev.doc === item.doc) input.previous = prev.vi;
    return input;
  });
}

/** The item's error for the report, with the model's rejected answer when the translator attached one. */
export function errorOf(err: unknown): ItemError {
  const e = err as { code?: unknown; message?: unknown; status?: unknown; rawAnswer?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.status === 'number' ? `HTTP_${e.status}` : 'ERR_EVAL_ITEM_FAILED';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const out: ItemError = { code, message: message.slice(0, 500) };
  if (typeof e?.rawAnswer === 'string') out.rawAnswer = e.rawAnswer.slice(0, 4000);
  return out;
}

/** The judge's verdict on one result; a failed item is an empty translation, that is, everything omitted. */
async function judgeItem(judge: MqmJudge, source: string, r: ItemResult): Promise<ItemJudgement> {
  if (r.error) return verdictOf(source, [{ category: 'accuracy/omission', severity: 'critical', note: 'no translation: the item failed' }]);
  try {
    const { cached, ...v } = await judge.judge(source, r.hypothesis);
    return cached ? { ...v, cached } : v;
  } catch (err) {
    return { error: (err as Error).message.slice(0, 500) };
  }
}

/** A reference made only of whitespace is no reference: scoring against it would reward an empty answer. */
export const usableReference = (en: string | undefined): string | undefined => (en && en.trim() ? en : undefined);

/** An item's result from its answer, or from the error the call failed with (scored as an empty answer). */
function resultOf(item: DatasetItem, spec: RunSpec, qa: QaCheck | undefined, answer: TranslateResult | undefined, failure: unknown): ItemResult {
  const base = { id: item.id, repeat: spec.repeat, source: item.vi, reference: usableReference(item.en) };
  if (!answer) {
    // scored as the empty answer it counts as in the corpus metrics
    return { ...base, hypothesis: '', scores: scoreItem(item.vi, '', base.reference), qa: {}, tokensIn: 0, tokensOut: 0, latencyMs: 0, cached: (failure as { cached?: unknown }).cached === true, error: errorOf(failure) };
  }
  // references are NFC from the loader; an NFD answer identical to its reference must score as identical
  const text = answer.text.normalize('NFC');
  return {
    ...base,
    hypothesis: text,
    scores: scoreItem(item.vi, text, base.reference),
    qa: qaCounts(qa, item.vi, text),
    tokensIn: answer.tokensIn,
    tokensOut: answer.tokensOut,
    latencyMs: answer.latencyMs,
    // what the configuration costs per item, also when this run read it from cache
    costUsd: costUsd(spec.model, answer.tokensIn, answer.tokensOut),
    cached: answer.cached,
  };
}

/**
 * Called as task k starts: keeps the translator's look-ahead (cache keys and lookups of the calls to come, see
 * Translator.expect) a round of `concurrency` calls and a little more ahead of the calls being made, in the background.
 */
function lookAhead(tasks: { spec: RunSpec; input: TranslateInput }[], opts: RunOptions, later: Background): (k: number) => void {
  const expect = opts.translator.expect?.bind(opts.translator);
  if (!expect) return () => undefined;
  // rounds of at most 8 calls: a round's keys and lookup take a millisecond or two, the most an answer should wait
  const step = Math.min(8, opts.concurrency);
  // the first calls start at once, looked up as they are made
  let until = Math.min(tasks.length, opts.concurrency);
  // tasks below this have started: when the calls outrun the background (answers from the cache), a round that comes
  // too late leaves out the calls already made instead of preparing them a second time
  let started = 0;
  return (k) => {
    started = Math.max(started, k + 1);
    while (until < tasks.length && until < k + opts.concurrency + 2 * step) {
      const from = until;
      const to = (until = Math.min(tasks.length, until + step));
      later.add(() => {
        const calls = tasks.slice(Math.max(from, started), to).map(({ spec, input }) => ({ input, prompt: spec.prompt, model: spec.model, repeat: spec.repeat }));
        if (calls.length) expect(calls);
      });
    }
  };
}

/**
 * Translate and score every item for every prompt, model and repeat.
 * @returns one run per (prompt, model, repeat), items in dataset order.
 */
export async function runTranslationGrid(dataset: DatasetItem[], opts: RunOptions): Promise<TranslationRun[]> {
  const specs: RunSpec[] = [];
  for (const prompt of opts.prompts) for (const model of opts.models) for (let r = 0; r < opts.repeat; r++) specs.push({ prompt, model, repeat: r });
  // resolve every configuration first: an unknown prompt stops the run before any call
  const fps = specs.map((s) => opts.translator.fingerprint(s.prompt, s.model));
  const inputs = toInputs(dataset);
  const tasks = specs.flatMap((spec) => dataset.map((item, i) => ({ spec, item, input: inputs[i]! })));
  const progress: Progress = { done: 0, total: tasks.length, failed: 0, cached: 0 };

  const results = new Array<ItemResult>(tasks.length);
  const finished = (k: number, result: ItemResult) => {
    results[k] = result;
    opts.onResult?.(Math.floor(k / dataset.length), k % dataset.length, result);
    progress.done++;
    if (result.error) progress.failed++;
    if (result.cached) progress.cached++;
    opts.onProgress?.({ ...progress });
  };
  // Scoring, QA and the cache look-ahead wait for the gaps between answers: a worker that gets its answer starts its
  // next call first. With a judge the answer is needed at once (the judge's call takes the worker's slot anyway).
  const later = opts.background ?? new Background();
  const ahead = lookAhead(tasks, opts, later);

  await mapPool(tasks, opts.concurrency, async ({ spec, item, input }, k): Promise<void> => {
    const kept = opts.reuse?.(spec, item.id);
    if (kept && kept.source === item.vi) return finished(k, kept);
    ahead(k);
    let answer: TranslateResult | undefined;
    let failure: unknown;
    try {
      answer = await opts.translator.translate(input, spec.prompt, spec.model, spec.repeat);
    } catch (err) {
      failure = err;
    }
    if (!opts.judge) return later.add(() => finished(k, resultOf(item, spec, opts.qa, answer, failure)));
    const result = resultOf(item, spec, opts.qa, answer, failure);
    result.judge = await judgeItem(opts.judge, item.vi, result);
    finished(k, result);
  });
  await later.drain();

  await opts.translator.flush?.();
  await opts.judge?.flush?.();
  return specs.map((spec, s) => ({
    ...spec,
    fingerprint: fps[s]!,
    items: results.slice(s * dataset.length, (s + 1) * dataset.length),
  }));
}
