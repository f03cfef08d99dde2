/**
 * Fuzzy translation-memory matches as examples for the model: approved translations of sentences like the one being
 * translated, so wording and terms an editor settled on come back. An exact match is not an example: the
 * runtime's `memory` hook uses that one as is, with no model call.
 */
import type { TranslationExample } from '../llm/translate-chain.ts';
import type { TranslationMemoryService } from './translation-memory.ts';

/** Approved translations of sentences similar to `source`, best first; [] when there are none. */
export type ExampleLookup = (source: string) => Promise<TranslationExample[]>;

/** Examples per segment: enough to carry the settled terms, few enough to keep the prompt small. */
export const MAX_EXAMPLES = 3;

/**
 * The memory's fuzzy matches above its threshold as examples: exact matches left out, one translation per source
 * (the newest, as the memory orders ties), at most `limit`.
 * @example createTranslationRuntime(deps, { examples: memoryExamples(translationMemoryFor(deps)) })
 */
export function memoryExamples(memory: Pick<TranslationMemoryService, 'lookup'>, limit = MAX_EXAMPLES): ExampleLookup {
  return async (source) => {
    // Read past the limit: exact matches and older translations of the same source are dropped below.
    const matches = await memory.lookup(source, { limit: limit * 4 });
    const seen = new Set<string>();
    const examples: TranslationExample[] = [];
    for (const m of matches) {
      if (m.exact || seen.has(m.source)) continue;
      seen.add(m.source);
      examples.push({ source: m.source, translation: m.target, similarity: m.score });
      if (examples.length === limit) break;
    }
    return examples;
  };
}
