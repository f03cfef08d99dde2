/**
 * Run the cross product prompt x model x repeat over a translation dataset: every call through the product's
 * translator, at most `concurrency` in flight across the whole grid, answers cached by the translator, failures recorded per item.
 */
import { mapPool } from './pool.ts';
import { costUsd, qaCounts, scoreItem } from './score-item.ts';
import { verdictOf, type MqmJudge } from './mqm-judge.ts';
import type { DatasetItem, Fingerprint, ItemError, ItemJudgement, ItemResult, QaCheck, RunSpec, TranslateInput, Translator } from './types.ts';

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
  const tasks = specs.flatMap((spec, s) => dataset.map((item, i) => ({ s, spec, item, input: inputs[i]! })));
  const progress: Progress = { done: 0, total: tasks.length, failed: 0, cached: 0 };

  const results = await mapPool(tasks, opts.concurrency, async ({ s, spec, item, input }): Promise<ItemResult> => {
    const base = { id: item.id, repeat: spec.repeat, source: item.vi, reference: usableReference(item.en) };
    let result: ItemResult;
    const kept = opts.reuse?.(spec, item.id);
    if (kept && kept.source === item.vi) {
      progress.done++;
      if (kept.cached) progress.cached++;
      opts.onProgress?.({ ...progress });
      return kept;
    }
    try {
      const out = await opts.translator.translate(input, spec.prompt, spec.model, spec.repeat);
      // references are NFC from the loader; an NFD answer identical to its reference must score as identical
      const text = out.text.normalize('NFC');
      result = {
        ...base,
        hypothesis: text,
        scores: scoreItem(item.vi, text, base.reference),
        qa: qaCounts(opts.qa, item.vi, text),
        tokensIn: out.tokensIn,
        tokensOut: out.tokensOut,
        latencyMs: out.latencyMs,
        // what the configuration costs per item, also when this run read it from cache
        costUsd: costUsd(spec.model, out.tokensIn, out.tokensOut),
        cached: out.cached,
      };
    } catch (err) {
      progress.failed++;
      // scored as the empty answer it counts as in the corpus metrics
      result = { ...base, hypothesis: '', scores: scoreItem(item.vi, '', base.reference), qa: {}, tokensIn: 0, tokensOut: 0, latencyMs: 0, cached: (err as { cached?: unknown }).cached === true, error: errorOf(err) };
    }
    if (opts.judge) result.judge = await judgeItem(opts.judge, item.vi, result);
    progress.done++;
    if (result.cached) progress.cached++;
    opts.onProgress?.({ ...progress });
    return result;
  });

  await opts.translator.flush?.();
  await opts.judge?.flush?.();
  return specs.map((spec, s) => ({
    ...spec,
    fingerprint: fps[s]!,
    items: results.slice(s * dataset.length, (s + 1) * dataset.length),
  }));
}
