/**
 * The MQM judge (GEMBA-MQM style): the configured model annotates a translation with MQM errors (category, severity,
 * span) using the versioned prompt `judge@vN`, and the errors become the office's penalty per 1,000 source words
 * (backend/src/qa/mqm.ts), the same score as the reviewers' quality report. Calls go through the workbench's
 * model-run cache under the product's cache key.
 */
import { z } from 'zod';
import type { Config } from '../../../backend/src/config.ts';
import { countSourceWords, hasMajorError, MQM_CATEGORIES, MqmCategory, MqmSeverity, mqmScorePer1000, type MqmError } from '../../../backend/src/qa/mqm.ts';
import type { ModelRunsRepository } from '../../../backend/src/storage/repositories.ts';
import { agreement, type Agreement, type AnnotatedJudgement } from './mqm-agreement.ts';
import { mapPool } from './pool.ts';

export interface JudgeVerdict {
  errors: MqmError[];
  /** Penalty per 1,000 source words. */
  score: number;
  major: boolean;
  cached: boolean;
}

export interface MqmJudge {
  ref: string;
  model: string;
  promptHash: string;
  judge(source: string, translation: string): Promise<JudgeVerdict>;
  flush?(): Promise<void>;
}

const Answer = z.object({
  errors: z.array(z.object({ category: z.string(), severity: z.string(), span: z.string().optional(), note: z.string().optional() })),
});

/** The judge's verdict on a translation from its errors. */
export function verdictOf(source: string, errors: MqmError[], cached = false): JudgeVerdict {
  return { errors, score: mqmScorePer1000(errors, countSourceWords(source)), major: hasMajorError(errors), cached };
}

/**
 * Read the judge's JSON answer (a code fence around it is tolerated) into MQM errors; a span is located in the
 * translation as UTF-16 offsets when it occurs there.
 * @throws Error when the answer is not the JSON asked for or names an unknown category or severity.
 */
export function parseJudgeAnswer(raw: string, translation: string): MqmError[] {
  const text = raw.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  const parsed = Answer.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the judge's answer is not {"errors": [...]}: ${parsed.error.issues[0]?.message}`);
  return parsed.data.errors.map((e) => {
    const out: MqmError = { category: MqmCategory.parse(e.category.toLowerCase()), severity: MqmSeverity.parse(e.severity.toLowerCase()) };
    if (e.note) out.note = e.note.slice(0, 2000);
    const at = e.span ? translation.indexOf(e.span) : -1;
    if (e.span && at >= 0) out.span = { start: at, end: at + e.span.length };
    return out;
  });
}

export interface ProductJudgeOptions {
  config: Config;
  /** Judge prompt ref, default judge@v1. */
  ref?: string;
  /** Model name; default the configured WORKBENCH_MODEL. */
  model?: string;
  runs?: ModelRunsRepository | null;
  promptsDir?: string;
}

/** The judge over the product's prompt loader, model factory and run cache. */
export function createProductJudge(opts: ProductJudgeOptions): MqmJudge {
  const ref = opts.ref ?? 'judge@v1';
  const modelName = opts.model ?? opts.config.WORKBENCH_MODEL;
  const runs = opts.runs ?? null;
  const stack = (async () => {
    const [prompts, runsSvc, messages, modelMod] = await Promise.all([
      import('../../../backend/src/llm/prompts.ts'),
      import('../../../backend/src/services/translation-runs.ts'),
      import('@langchain/core/messages'),
      import('../../../backend/src/llm/model.ts'),
    ]);
    const all = opts.promptsDir ? prompts.loadPrompts(opts.promptsDir) : prompts.loadPrompts();
    const prompt = prompts.getPrompt(all, ref);
    if (prompt.id !== 'judge') throw new Error(`${ref} is not a judge prompt`);
    const model = modelMod.createChatModel({ ...opts.config, WORKBENCH_MODEL: modelName }, { temperature: prompt.params.temperature, maxTokens: prompt.params.maxTokens });
    return { prompts, runsSvc, messages, prompt, model, params: runsSvc.runParamsFor(opts.config, prompt, modelName) };
  })();
  stack.catch(() => undefined);
  const pending: import('../../../backend/src/storage/types.ts').NewModelRunRow[] = [];
  let promptHash = '';
  void stack.then((s) => (promptHash = s.prompt.hash), () => undefined);

  return {
    ref,
    model: modelName,
    get promptHash() {
      return promptHash;
    },
    async judge(source, translation) {
      const s = await stack;
      const rendered = s.prompts.renderPrompt(s.prompt, { categories: MQM_CATEGORIES.map((c) => `"${c}"`).join(', '), source, translation });
      const msgs = [new s.messages.SystemMessage(rendered.system), new s.messages.HumanMessage(rendered.user)];
      const key = s.runsSvc.cacheKey(s.prompt, s.params, msgs);
      const hit = runs ? await runs.findCached(key) : undefined;
      if (hit?.output != null) return verdictOf(source, parseJudgeAnswer(hit.output, translation), true);
      const started = performance.now();
      const reply = await s.model.invoke(msgs);
      const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((p) => ('text' in p ? p.text : '')).join('');
      // an unreadable answer is not cached: it throws here and the item is reported as not judged
      const errors = parseJudgeAnswer(raw, translation);
      const u = reply.usage_metadata;
      if (runs) {
        pending.push(s.runsSvc.runRow({ jobId: null, articleId: null, segmentId: null, prompt: s.prompt, params: s.params, cacheKey: key, output: raw, tokensIn: u?.input_tokens ?? null, tokensOut: u?.output_tokens ?? null, latencyMs: Math.round(performance.now() - started), cached: false, error: null }));
        if (pending.length >= 64) await runs.insertMany(pending.splice(0));
      }
      return verdictOf(source, errors);
    },
    async flush() {
      if (runs && pending.length) await runs.insertMany(pending.splice(0));
    },
  };
}

/**
 * Judge the office's own machine translations (`mt`) of the annotated items and compare with the reviewers'
 * annotations; null when the dataset has no annotated item.
 */
export async function measureAgreement(
  items: readonly { id: string; vi: string; mt?: string; annotations?: MqmError[] }[],
  judge: MqmJudge,
  concurrency: number,
): Promise<(Agreement & { notJudged: number }) | null> {
  const annotated = items.filter((i) => i.annotations && i.mt);
  if (!annotated.length) return null;
  const judged = await mapPool(annotated, concurrency, async (i) => {
    try {
      return { id: i.id, source: i.vi, reviewer: i.annotations!, judge: (await judge.judge(i.vi, i.mt!)).errors };
    } catch {
      return null;
    }
  });
  await judge.flush?.();
  const rows = judged.filter((r): r is AnnotatedJudgement => r !== null);
  return { ...agreement(rows), notJudged: judged.length - rows.length };
}
