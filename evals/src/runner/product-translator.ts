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

/** The product's chain and model factory, loaded on the first call that misses the cache. */
async function loadStack(dir: string, termbase: string | null) {
  const [prompts, model, chain, terms, glossary, csv] = await Promise.all([
    import('../../../backend/src/llm/prompts.ts'),
    import('../../../backend/src/llm/model.ts'),
    import('../../../backend/src/llm/translate-chain.ts'),
    import('../../../backend/src/text/terms.ts'),
    import('../../../backend/src/llm/glossary.ts'),
    termbase ? readFile(termbase, 'utf8') : Promise.resolve(null),
  ]);
  const index = csv === null ? null : terms.buildTermIndex(terms.parseTermsCsv(csv));
  // the very lines the translation service shows the model for a segment
  const glossaryFor = (segment: string): GlossaryLine[] => (index ? glossary.glossaryFor(index, segment).glossary : []);
  return { prompts: prompts.loadPrompts(dir), getPrompt: prompts.getPrompt, createChatModel: model.createChatModel, translateSegment: chain.translateSegment, glossaryFor };
}

export interface ProductTranslatorOptions {
  config: Config;
  /** Defaults to the repository's prompts/ folder. */
  promptsDir?: string;
  /** Termbase CSV whose entries found in a segment are shown to the model; default the starter termbase, null for none. */
  termbase?: string | null;
}

/** A Translator that calls the product's translation chain. */
export function createProductTranslator(opts: ProductTranslatorOptions): Translator {
  const dir = opts.promptsDir ?? PROMPTS_DIR;
  const models = new Map<string, BaseChatModel>();
  const names = opts.config.WORKBENCH_NAMES_DIACRITICS;
  const termbase = opts.termbase === undefined ? STARTER_TERMBASE : opts.termbase;
  // part of the cache key: editing the termbase re-runs the segments
  const termbaseHash = termbase ? createHash('sha256').update(readFileSync(termbase)).digest('hex').slice(0, 16) : 'none';
  let stack: ReturnType<typeof loadStack> | undefined;

  const promptFor = async (ref: string): Promise<Prompt> => {
    const s = await (stack ??= loadStack(dir, termbase));
    const p = s.getPrompt(s.prompts, ref);
    if (p.id !== 'translate') throw new Error(`${ref} is not a translation prompt`);
    return p;
  };
  const modelFor = async (name: string, p: Prompt): Promise<BaseChatModel> => {
    const s = await (stack ??= loadStack(dir, termbase));
    const key = `${name}\u0000${p.params.temperature}\u0000${p.params.maxTokens ?? ''}`;
    let m = models.get(key);
    if (!m) {
      m = s.createChatModel({ ...opts.config, WORKBENCH_MODEL: name }, { temperature: p.params.temperature, maxTokens: p.params.maxTokens });
      models.set(key, m);
    }
    return m;
  };

  return {
    prepare() {
      // a failure here surfaces again, with its cause, on the first call
      (stack ??= loadStack(dir, termbase)).catch(() => undefined);
    },
    fingerprint(promptRef: string, model: string): Fingerprint {
      if (!promptRef.startsWith('translate@')) throw new Error(`${promptRef} is not a translation prompt`);
      // temperature and limits live in the prompt file, so its hash covers them
      return { promptHash: promptFileHash(dir, promptRef), model, params: { namesDiacritics: names, termbase: termbaseHash } };
    },
    async translate(input: TranslateInput, promptRef: string, model: string): Promise<TranslateResult> {
      const prompt = await promptFor(promptRef);
      const s = await (stack ??= loadStack(dir, termbase));
      const started = performance.now();
      let rejected: string | undefined;
      const result = await s.translateSegment(
        await modelFor(model, prompt),
        {
          title: input.title ?? '',
          previous: input.previous ? { source: input.previous } : undefined,
          glossary: s.glossaryFor(input.vi),
          segment: input.vi,
        },
        // the last rejected reply goes into the report, so a reader can see why the item failed
        { prompt, namesDiacritics: names, onAttempt: (a) => void (a.accepted || a.output === null || (rejected = a.output)) },
      ).catch((err: unknown) => {
        if (rejected !== undefined && err && typeof err === 'object') Object.assign(err, { rawAnswer: rejected });
        throw err;
      });
      const sum = (k: 'tokensIn' | 'tokensOut') => result.attempts.reduce((s, a) => s + (a[k] ?? 0), 0);
      return { text: result.text, tokensIn: sum('tokensIn'), tokensOut: sum('tokensOut'), latencyMs: Math.round(performance.now() - started), cached: false };
    },
  };
}
