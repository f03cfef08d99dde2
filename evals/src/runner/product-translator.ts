/**
 * The runner's Translator backed by the product itself: the workbench's prompt files and loader, its model factory
 * (same retries and timeout) and its translation chain (same messages, same answer checks and re-asks). An eval
 * therefore measures exactly what an editor gets.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../../../backend/src/config.ts';
import { createChatModel } from '../../../backend/src/llm/model.ts';
import { getPrompt, loadPrompts, type Prompt } from '../../../backend/src/llm/prompts.ts';
import { translateSegment, type GlossaryLine } from '../../../backend/src/llm/translate-chain.ts';
import type { Fingerprint, TranslateInput, TranslateResult, Translator } from './types.ts';

export interface ProductTranslatorOptions {
  config: Config;
  /** Defaults to the repository's prompts/ folder. */
  promptsDir?: string;
  /** The glossary entries of a segment; none by default (the termbase is passed in once it is available). */
  glossaryFor?: (segment: string) => GlossaryLine[];
  /** Name of the glossary source, part of the cache key so a termbase change re-runs. */
  glossaryId?: string;
}

/** A Translator that calls the product's translation chain. */
export function createProductTranslator(opts: ProductTranslatorOptions): Translator {
  const prompts = loadPrompts(opts.promptsDir);
  const models = new Map<string, BaseChatModel>();
  const names = opts.config.WORKBENCH_NAMES_DIACRITICS;

  const promptFor = (ref: string): Prompt => {
    const p = getPrompt(prompts, ref);
    if (p.id !== 'translate') throw new Error(`${ref} is not a translation prompt`);
    return p;
  };
  const modelFor = (name: string, p: Prompt): BaseChatModel => {
    const key = `${name}\u0000${p.params.temperature}\u0000${p.params.maxTokens ?? ''}`;
    let m = models.get(key);
    if (!m) {
      m = createChatModel({ ...opts.config, WORKBENCH_MODEL: name }, { temperature: p.params.temperature, maxTokens: p.params.maxTokens });
      models.set(key, m);
    }
    return m;
  };

  return {
    fingerprint(promptRef: string, model: string): Fingerprint {
      const p = promptFor(promptRef);
      return { promptHash: p.hash, model, params: { ...p.params, namesDiacritics: names, glossary: opts.glossaryId ?? 'none' } };
    },
    async translate(input: TranslateInput, promptRef: string, model: string): Promise<TranslateResult> {
      const prompt = promptFor(promptRef);
      const started = performance.now();
      const result = await translateSegment(
        modelFor(model, prompt),
        {
          title: input.title ?? '',
          previous: input.previous ? { source: input.previous } : undefined,
          glossary: opts.glossaryFor?.(input.vi) ?? [],
          segment: input.vi,
        },
        { prompt, namesDiacritics: names },
      );
      const sum = (k: 'tokensIn' | 'tokensOut') => result.attempts.reduce((s, a) => s + (a[k] ?? 0), 0);
      return { text: result.text, tokensIn: sum('tokensIn'), tokensOut: sum('tokensOut'), latencyMs: Math.round(performance.now() - started), cached: false };
    },
  };
}
