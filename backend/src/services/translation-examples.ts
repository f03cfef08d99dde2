/**
 * Fuzzy translation-memory matches as examples for the model: approved translations of sentences like the one being
 * translated, so wording and terms an editor settled on come back. An exact match is not an example: the
 * runtime's `memory` hook uses that one as is, with no model call.
 */
import type { TranslationExample } from '../llm/translate-chain.ts';
import { EXAMPLE_QA, type TranslationMemoryService } from './translation-memory.ts';

/** Approved translations of sentences similar to `source`, best first; [] when there are none. */
export type ExampleLookup = (source: string) => Promise<TranslationExample[]>;

/** Examples per segment: enough to carry the settled terms, few enough to keep the prompt small. */
export const MAX_EXAMPLES = 3;

/**
 * The memory's fuzzy matches above its threshold as examples: exact matches left out, one translation per source
 * (the newest, as the memory orders ties), at most `limit`. Only units that passed QA (or were approved over it with
 * a reason) teach the model; the ones sent are counted, so the memory page shows them.
 * @example createTranslationRuntime(deps, { examples: memoryExamples(translationMemoryFor(deps)) })
 */
export function memoryExamples(memory: Pick<TranslationMemoryService, 'lookup' | 'markSentAsExamples'>, limit = MAX_EXAMPLES): ExampleLookup {
  return async (source) => {
    // Read past the limit: exact matches and older translations of the same source are dropped below.
    const matches = await memory.lookup(source, { limit: limit * 4 });
    const seen = new Set<string>();
    const examples: TranslationExample[] = [];
    const sent: string[] = [];
    for (const m of matches) {
      if ((m.exact && !m.sentence) || seen.has(m.source) || !EXAMPLE_QA.has(m.qaStatus ?? '')) continue;
      // A sentence pair of a paragraph already sent adds nothing.
      if (m.kind === 'sentence' && examples.some((e) => e.source.includes(m.source))) continue;
      seen.add(m.source);
      examples.push({ source: m.source, translation: m.target, similarity: m.score });
      sent.push(m.id);
      if (examples.length === limit) break;
    }
    await memory.markSentAsExamples(sent);
    return examples;
  };
}
