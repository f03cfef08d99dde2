/**
 * The runner's Translator backed by the product itself: the workbench's prompt files and loader, its model factory
 * (same retries and timeout) and its translation chain (same messages, same answer checks and re-asks). An eval
 * therefore measures exactly what an editor gets.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../../../backend/src/config.ts';
import { Errors } from '../../../backend/src/errors.ts';
import type { Prompt } from '../../../backend/src/llm/prompts.ts';
import type { GlossaryLine } from '../../../backend/src/llm/translate-chain.ts';
import type { ModelRunsRepository } from '../../../backend/src/storage/repositories.ts';
import type { ModelRunRow, NewModelRunRow } from '../../../backend/src/storage/types.ts';
import type { Fingerprint, TranslateInput, TranslateResult, Translator } from './types.ts';

/** The repository's prompts/ folder (as backend/src/llm/prompts.ts resolves it). */
const PROMPTS_DIR = path.resolve(import.meta.dirname, '../../../prompts');
/** The termbase the product uses until an office loads its own (backend/src/services/translation-runtime.ts). */
export const STARTER_TERMBASE = path.resolve(import.meta.dirname, '../../../backend/src/terminology/starter-termbase.csv');
const REF = /^([a-z][a-z0-9-]*)@(v\d+)$/;

/**
 * The prompt's content hash as the prompt loader records it (sha256 of the file), read without parsing the file:
 * a run served from cache then never loads the model stack at all, which keeps a warm re-run well under a second.
 */
export function promptFileHash(dir: string, ref: string): string {
  const m = REF.exec(ref);
  if (!m) throw new Errors.PromptNotFound(ref);
  let text: string;
  try {
    text = readFileSync(path.join(dir, m[1]!, `${m[2]}.md`), 'utf8');
  } catch {
    throw new Errors.PromptNotFound(ref);
  }
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The product's prompt loader, chain and cache key, loaded before the first call; the model factory (LangChain's
 * OpenAI client, the heavy part) only on the first call that misses the cache.
 */
async function loadStack(dir: string, termbase: string | null) {
  const [prompts, chain, terms, glossary, runs, csv] = await Promise.all([
    import('../../../backend/src/llm/prompts.ts'),
    import('../../../backend/src/llm/translate-chain.ts'),
    import('../../../backend/src/text/terms.ts'),
    import('../../../backend/src/llm/glossary.ts'),
    import('../../../backend/src/services/translation-runs.ts'),
    termbase ? readFile(termbase, 'utf8') : Promise.resolve(null),
  ]);
  const index = csv === null ? null : terms.buildTermIndex(terms.parseTermsCsv(csv));
  // the very lines the translation service shows the model for a segment
  const glossaryFor = (segment: string): GlossaryLine[] => (index ? glossary.glossaryFor(index, segment).glossary : []);
  return {
    prompts: prompts.loadPrompts(dir),
    getPrompt: prompts.getPrompt,
    translateSegment: chain.translateSegment,
    buildTranslateMessages: chain.buildTranslateMessages,
    cacheKey: runs.cacheKey,
    runRow: runs.runRow,
    runParamsFor: runs.runParamsFor,
    glossaryFor,
  };
}

export interface ProductTranslatorOptions {
  config: Config;
  /** Defaults to the repository's prompts/ folder. */
  promptsDir?: string;
  /** Termbase CSV whose entries found in a segment are shown to the model; default the starter termbase, null for none. */
  termbase?: string | null;
  /**
   * The workbench's model-run cache (DATA_DIR's database): answers are looked up and recorded under the product's
   * own cache key, so a segment already translated in the workbench costs an eval nothing, and the other way round.
   * Null or absent: no cache (--no-cache).
   */
  runs?: ModelRunsRepository | null;
  /** Serve an answer the checks rejected on an earlier run again instead of re-asking (--cache-failures). */
  cacheFailures?: boolean;
}

/** A Translator that calls the product's translation chain. */
export function createProductTranslator(opts: ProductTranslatorOptions): Translator {
  const dir = opts.promptsDir ?? PROMPTS_DIR;
  const models = new Map<string, BaseChatModel>();
  const names = opts.config.WORKBENCH_NAMES_DIACRITICS;
  const termbase = opts.termbase === undefined ? STARTER_TERMBASE : opts.termbase;
  const runs = opts.runs ?? null;
  // part of the report's fingerprint: editing the termbase changes the glossary lines, hence the cache keys
  const termbaseHash = termbase ? createHash('sha256').update(readFileSync(termbase)).digest('hex').slice(0, 16) : 'none';
  let stack: ReturnType<typeof loadStack> | undefined;
  let modelModule: Promise<typeof import('../../../backend/src/llm/model.ts')> | undefined;

  const promptFor = async (ref: string): Promise<Prompt> => {
    const s = await (stack ??= loadStack(dir, termbase));
    const p = s.getPrompt(s.prompts, ref);
    if (p.id !== 'translate') throw new Error(`${ref} is not a translation prompt`);
    return p;
  };
  const modelFor = async (name: string, p: Prompt): Promise<BaseChatModel> => {
    const { createChatModel } = await (modelModule ??= import('../../../backend/src/llm/model.ts'));
    const key = `${name}\u0000${p.params.temperature}\u0000${p.params.maxTokens ?? ''}`;
    let m = models.get(key);
    if (!m) {
      m = createChatModel({ ...opts.config, WORKBENCH_MODEL: name }, { temperature: p.params.temperature, maxTokens: p.params.maxTokens });
      models.set(key, m);
    }
    return m;
  };

  // the cache in bulk: the lookups asked for in one turn of the event loop go out as one query (about one per
  // `concurrency` calls), so the grid starts calling at once instead of first computing every key of the run
  type Lookup = { key: string; resolve: (row: ModelRunRow | undefined) => void; reject: (err: unknown) => void };
  let batch: Lookup[] | null = null;
  const findCached = (key: string) =>
    new Promise<ModelRunRow | undefined>((resolve, reject) => {
      if (!batch) {
        const mine: Lookup[] = (batch = []);
        setImmediate(() => {
          batch = null;
          runs!.findCachedMany(mine.map((b) => b.key)).then(
            (found) => mine.forEach((b) => b.resolve(found.get(b.key))),
            (err: unknown) => mine.forEach((b) => b.reject(err)),
          );
        });
      }
      batch.push({ key, resolve, reject });
    });
  // recorded calls are written 64 at a time, after the I/O of the turn, never on the way to a worker's next call; a
  // failed write fails the run's final flush()
  const pending: NewModelRunRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (runs && pending.length) {
      const rows = pending.splice(0);
      writing = writing.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => runs.insertMany(rows));
      writing.catch(() => undefined);
    }
    return writing;
  };

  // the same input under every prompt, model and repeat of a grid: its termbase matches are found once
  const glossaries = new WeakMap<TranslateInput, GlossaryLine[]>();
  const glossaryOf = (s: Awaited<ReturnType<typeof loadStack>>, input: TranslateInput): GlossaryLine[] => {
    let lines = glossaries.get(input);
    if (!lines) glossaries.set(input, (lines = s.glossaryFor(input.vi)));
    return lines;
  };

  /** The chain input, call parameters and (with a cache) the product's cache key of one call. */
  const callOf = async (input: TranslateInput, promptRef: string, model: string, repeat: number) => {
    const prompt = await promptFor(promptRef);
    const s = await (stack ??= loadStack(dir, termbase));
    // the workbench's own chain input: previous segment's source, no machine translation of it (as a job sends)
    const chainInput = {
      title: input.title ?? '',
      previous: input.previous ? { source: input.previous, translation: null } : undefined,
      glossary: glossaryOf(s, input),
      segment: input.vi,
    };
    const chainOpts = { prompt, namesDiacritics: names };
    // a repeat beyond the first is another sample, not the same call
    const params = repeat ? { ...s.runParamsFor(opts.config, prompt, model), repeat } : s.runParamsFor(opts.config, prompt, model);
    const key = runs ? s.cacheKey(prompt, params, s.buildTranslateMessages(chainInput, chainOpts)) : null;
    return { s, prompt, chainInput, chainOpts, params, key };
  };
  type Call = Awaited<ReturnType<typeof callOf>>;

  // Translator.expect: calls prepared ahead (key computed, looked up with the others of their round), taken by translate()
  const prepared = new WeakMap<TranslateInput, Map<string, Promise<{ call: Call; hit: ModelRunRow | undefined }>>>();
  const nameOf = (promptRef: string, model: string, repeat: number) => `${promptRef}\u0000${model}\u0000${repeat}`;
  const takePrepared = (input: TranslateInput, promptRef: string, model: string, repeat: number) => {
    const byName = prepared.get(input);
    const p = byName?.get(nameOf(promptRef, model, repeat));
    if (p) byName!.delete(nameOf(promptRef, model, repeat));
    return p;
  };

  return {
    flush,
    prepare() {
      // a failure here surfaces again, with its cause, on the first call
      (stack ??= loadStack(dir, termbase)).catch(() => undefined);
    },
    fingerprint(promptRef: string, model: string): Fingerprint {
      if (!promptRef.startsWith('translate@')) throw new Error(`${promptRef} is not a translation prompt`);
      // temperature and limits live in the prompt file, so its hash covers them
      return { promptHash: promptFileHash(dir, promptRef), model, params: { namesDiacritics: names, termbase: termbaseHash } };
    },
    expect(calls) {
      if (!runs) return;
      const all = Promise.all(calls.map((c) => callOf(c.input, c.prompt, c.model, c.repeat))).then(async (cs) => {
        const found = await runs.findCachedMany(cs.map((c) => c.key!));
        return cs.map((call) => ({ call, hit: found.get(call.key!) }));
      });
      calls.forEach((c, i) => {
        let byName = prepared.get(c.input);
        if (!byName) prepared.set(c.input, (byName = new Map()));
        const one = all.then((r) => r[i]!);
        // a failure is met again by translate(), which then does the work itself
        one.catch(() => undefined);
        byName.set(nameOf(c.prompt, c.model, c.repeat), one);
      });
    },
    async translate(input: TranslateInput, promptRef: string, model: string, repeat = 0): Promise<TranslateResult> {
      const early = await takePrepared(input, promptRef, model, repeat)?.catch(() => undefined);
      const { s, prompt, chainInput, chainOpts, params, key } = early?.call ?? (await callOf(input, promptRef, model, repeat));
      if (runs && key) {
        const hit = early ? early.hit : await findCached(key);
        if (hit?.output != null) return { text: hit.output, tokensIn: hit.tokens_in ?? 0, tokensOut: hit.tokens_out ?? 0, latencyMs: hit.latency_ms ?? 0, cached: true };
        const rejected = opts.cacheFailures ? await runs.findCachedRejection(key) : undefined;
        if (rejected) throw Object.assign(new Errors.ModelOutputInvalid(`${rejected.error} (cached)`), { rawAnswer: rejected.output ?? undefined, cached: true });
      }
      const started = performance.now();
      let raw: string | undefined;
      const record = async (output: string | null, tokensIn: number, tokensOut: number, error: string | null) => {
        if (!runs || !key) return;
        pending.push(s.runRow({ jobId: null, articleId: null, segmentId: null, prompt, params, cacheKey: key, output, tokensIn, tokensOut, latencyMs: Math.round(performance.now() - started), cached: false, error }));
        if (pending.length >= 64) void flush();
      };
      let result: Awaited<ReturnType<typeof s.translateSegment>>;
      try {
        result = await s.translateSegment(
          await modelFor(model, prompt),
          chainInput,
          // the last rejected reply goes into the report, so a reader can see why the item failed
          { ...chainOpts, onAttempt: (a) => void (a.accepted || a.output === null || (raw = a.output)) },
        );
      } catch (err) {
        if (raw !== undefined && err && typeof err === 'object') {
          Object.assign(err, { rawAnswer: raw });
          // rejected every time: deterministic enough to keep for --cache-failures; a transport error is not
          if ((err as { code?: string }).code === 'ERR_MODEL_OUTPUT_INVALID') await record(raw, 0, 0, (err as Error).message);
        }
        throw err;
      }
      const sum = (k: 'tokensIn' | 'tokensOut') => result.attempts.reduce((n, a) => n + (a[k] ?? 0), 0);
      await record(result.text, sum('tokensIn'), sum('tokensOut'), null);
      return { text: result.text, tokensIn: sum('tokensIn'), tokensOut: sum('tokensOut'), latencyMs: Math.round(performance.now() - started), cached: false };
    },
  };
}
