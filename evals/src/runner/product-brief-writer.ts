/**
 * The runner's BriefWriter backed by the product's brief chain (structured output with a JSON-text fallback, zod
 * validation against the article's segments, one repair), loaded only when a brief misses the cache.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../../../backend/src/config.ts';
import { promptFileHash } from './product-translator.ts';
import type { BriefWriter } from './run-briefs.ts';

const PROMPTS_DIR = new URL('../../../prompts', import.meta.url).pathname;

async function loadStack() {
  const [prompts, model, chain] = await Promise.all([
    import('../../../backend/src/llm/prompts.ts'),
    import('../../../backend/src/llm/model.ts'),
    import('../../../backend/src/llm/brief-chain.ts'),
  ]);
  return { prompts: prompts.loadPrompts(PROMPTS_DIR), getPrompt: prompts.getPrompt, createChatModel: model.createChatModel, writeBrief: chain.writeBrief };
}

/** A BriefWriter calling the product's brief chain at the standard length (~150 words). */
export function createProductBriefWriter(opts: { config: Config }): BriefWriter {
  let stack: ReturnType<typeof loadStack> | undefined;
  const models = new Map<string, BaseChatModel>();
  return {
    fingerprint(promptRef, model) {
      if (!promptRef.startsWith('brief@')) throw new Error(`${promptRef} is not a brief prompt`);
      return { promptHash: promptFileHash(PROMPTS_DIR, promptRef), model, params: { length: 'standard' } };
    },
    async write(title, segments, promptRef, modelName) {
      const s = await (stack ??= loadStack());
      const prompt = s.getPrompt(s.prompts, promptRef);
      let model = models.get(`${modelName}\u0000${promptRef}`);
      if (!model) {
        model = s.createChatModel({ ...opts.config, WORKBENCH_MODEL: modelName }, { temperature: prompt.params.temperature, maxTokens: prompt.params.maxTokens });
        models.set(`${modelName}\u0000${promptRef}`, model);
      }
      let tokensIn = 0;
      let tokensOut = 0;
      const started = performance.now();
      const brief = await s.writeBrief(model, title, segments.map((x) => ({ id: x.id, source: x.source, translation: null })), {
        prompt,
        length: 'standard',
        onAttempt: (a) => {
          tokensIn += a.tokensIn ?? 0;
          tokensOut += a.tokensOut ?? 0;
        },
      });
      return { brief, tokensIn, tokensOut, latencyMs: Math.round(performance.now() - started) };
    },
  };
}
