/**
 * The translate use case: start a job for an article, and the job itself. Segments run WORKBENCH_CONCURRENCY at a
 * time; each result is stored as soon as it arrives, so a stop loses nothing already translated. A segment that
 * fails is marked failed with its error and the job ends `partial`; an editor's edited or approved segment is never
 * overwritten; an identical call is served from the model-run cache without calling the model.
 */
import type { BaseMessage } from '@langchain/core/messages';
import { Errors } from '../errors.ts';
import { glossaryFor } from '../llm/glossary.ts';
import { buildTranslateMessages, translateSegment, type TranslateInput } from '../llm/translate-chain.ts';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Prompt } from '../llm/prompts.ts';
import type { QaIssue } from '../schemas/article.ts';
import type { JobEvent, ModelRun, TranslateBody } from '../schemas/job.ts';
import type { SegmentsRepository } from '../storage/repositories.ts';
import type { ArticleRow, JobRow, SegmentRow } from '../storage/types.ts';
import type { TermIndex } from '../text/terms.ts';
import type { JobContext } from './jobs.ts';
import { segmentChanged } from './article-events.ts';
import { cacheKey, recordRun, toModelRun, type RunParams } from './translation-runs.ts';
import type { TranslationRuntime } from './translation-runtime.ts';

/**
 * A segment an editor has edited or approved, or whose text an editor wrote: a machine run leaves it alone.
 * @example isEditorOwned({ status: 'translated', origin: 'editor' }) // true
 */
export function isEditorOwned(s: Pick<SegmentRow, 'status' | 'origin'>): boolean {
  return s.status === 'edited' || s.status === 'approved' || s.origin === 'editor';
}

/**
 * Start (or join) the translation job of an article.
 * @throws ERR_ARTICLE_NOT_FOUND, ERR_MODEL_NOT_CONFIGURED
 */
export async function startTranslation(rt: TranslationRuntime, articleId: string, body: TranslateBody = { scope: 'all' }): Promise<JobRow> {
  if (!(await rt.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  rt.modelFor(rt.activePrompt('translate'));
  const active = await rt.runner.activeFor(articleId, 'translate');
  if (active) return active;
  const prompt = rt.activePrompt('translate');
  return rt.runner.start('translate', articleId, { scope: body.scope, prompt: prompt.ref });
}

/**
 * Every model call made for an article, oldest first, with totals. Cost is null when no call had a known price.
 * @throws ERR_ARTICLE_NOT_FOUND
 */
export async function listRuns(rt: TranslationRuntime, articleId: string) {
  if (!(await rt.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  const runs: ModelRun[] = (await rt.store.runs.listByArticle(articleId)).map(toModelRun);
  const priced = runs.filter((r) => r.costUsd !== null);
  const totals = {
    calls: runs.filter((r) => !r.cached).length,
    cached: runs.filter((r) => r.cached).length,
    tokensIn: runs.reduce((n, r) => n + (r.tokensIn ?? 0), 0),
    tokensOut: runs.reduce((n, r) => n + (r.tokensOut ?? 0), 0),
    costUsd: priced.length ? Math.round(priced.reduce((n, r) => n + r.costUsd!, 0) * 1e6) / 1e6 : null,
  };
  return { runs, totals };
}

export interface Produced {
  text: string;
  /** The model run it came from; null for a translation-memory match. */
  runId: string | null;
  origin: 'model' | 'memory';
  /** No model call was made (run cache or memory). */
  cached: boolean;
}

/** What every segment of a translate job shares: its article, the prompt and its model, and the termbase. */
export interface TranslatePlan {
  job: JobRow;
  article: ArticleRow;
  prompt: Prompt;
  model: BaseChatModel;
  runParams: RunParams;
  index: TermIndex;
  scope: 'all' | 'missing';
}

/** @throws ERR_ARTICLE_NOT_FOUND */
export async function translatePlan(rt: TranslationRuntime, job: JobRow): Promise<TranslatePlan> {
  const params = JSON.parse(job.params_json) as { scope?: 'all' | 'missing'; prompt?: string };
  const article = await rt.store.articles.get(job.article_id);
  if (!article) throw new Errors.ArticleNotFound(job.article_id);
  const prompt = params.prompt ? rt.prompts.get(params.prompt) ?? rt.activePrompt('translate') : rt.activePrompt('translate');
  return { job, article, prompt, model: rt.modelFor(prompt), runParams: rt.runParams(prompt), index: await rt.termIndex(), scope: params.scope ?? 'all' };
}

/** The segments a job translates: all but the editor-owned ones, or (scope `missing`) those without a translation or failed. */
export function segmentsToTranslate(segments: SegmentRow[], scope: 'all' | 'missing'): SegmentRow[] {
  return segments.filter((s) => !isEditorOwned(s) && (scope !== 'missing' || s.translation === null || s.status === 'failed'));
}

/**
 * Translate one segment: an approved human translation of exactly this source (memory) beats any model call, then
 * an identical earlier call (run cache), then the model. `previous` is the segment before it, for context.
 */
export async function produceTranslation(rt: TranslationRuntime, plan: TranslatePlan, seg: SegmentRow, previous: SegmentRow | undefined, signal: AbortSignal): Promise<Produced> {
  const memory = rt.memory ? await rt.memory(seg.source) : null;
  if (memory) return { text: memory, runId: null, origin: 'memory', cached: true };
  const { job, article, prompt, index, runParams } = plan;
  const examples = rt.examples ? await rt.examples(seg.source) : [];
  const input: TranslateInput = {
    title: article.title,
    // Only an editor-confirmed translation goes into the context: machine output changes between runs and
    // would make every re-run miss the cache.
    previous: previous ? { source: previous.source, translation: isEditorOwned(previous) ? previous.translation : null } : undefined,
    glossary: glossaryFor(index, seg.source).glossary,
    examples,
    segment: seg.source,
  };
  const messages: BaseMessage[] = buildTranslateMessages(input, { prompt, namesDiacritics: rt.config.WORKBENCH_NAMES_DIACRITICS });
  // The examples are in the messages already; in the params too, so each run says which approved sentences it saw.
  // Without examples the params stay as they were, and so do the cache keys of earlier runs.
  const params = examples.length ? { ...runParams, examples } : runParams;
  const key = cacheKey(prompt, params, messages);
  const base = { jobId: job.id, articleId: article.id, segmentId: seg.id, prompt, params };
  const hit = await rt.store.runs.findCached(key);
  if (hit?.output) {
    const runId = await recordRun(rt.store.runs, { ...base, cacheKey: key, output: hit.output, tokensIn: 0, tokensOut: 0, latencyMs: 0, cached: true, error: null });
    return { text: hit.output, runId, origin: 'model', cached: true };
  }
  let runId = '';
  const result = await translateSegment(plan.model, input, {
    prompt, namesDiacritics: rt.config.WORKBENCH_NAMES_DIACRITICS, signal,
    onAttempt: async (a) => {
      // Only an accepted answer carries the cache key, so a rejected one is never served again.
      const id = await recordRun(rt.store.runs, { ...base, cacheKey: a.accepted ? key : null, output: a.output, tokensIn: a.tokensIn, tokensOut: a.tokensOut, latencyMs: a.latencyMs, cached: false, error: a.error });
      if (a.accepted) runId = id;
    },
  });
  return { text: result.text, runId, origin: 'model', cached: false };
}

/** The QA issues of a new translation of `seg` (none when QA is off). */
export async function checkTranslation(rt: TranslationRuntime, plan: TranslatePlan, seg: SegmentRow, text: string): Promise<QaIssue[]> {
  return rt.qa ? await rt.qa({ source: seg.source, translation: text, terms: plan.index }) : [];
}

/** The job's `segment` event for a stored (or, when an editor owns the segment, left alone) result. */
export function segmentEvent(seg: SegmentRow, got: Produced, saved: boolean, qa: QaIssue[]): JobEvent {
  return { type: 'segment', segmentId: seg.id, status: saved ? 'translated' : seg.status, translation: saved ? got.text : null, cached: got.cached, error: null, ...(saved ? { qa } : {}) };
}

/** The job's `segment` event for a failed segment. */
export function failedSegmentEvent(seg: Pick<SegmentRow, 'id'>, message: string): JobEvent {
  return { type: 'segment', segmentId: seg.id, status: 'failed', translation: null, cached: false, error: message };
}

/** A finished translate job's status: done when nothing failed, else partial (some done) or failed. */
export function translateOutcome(total: number, done: number, failed: number, firstError: string | undefined): { status: 'done' | 'partial' | 'failed'; error?: string | null } {
  if (failed === 0) return { status: 'done' };
  return { status: done > 0 ? 'partial' : 'failed', error: `${failed} of ${total} segments failed: ${firstError ?? 'unknown error'}` };
}

/** The job handler for `translate`, in this process: WORKBENCH_CONCURRENCY segments at a time. */
export async function runTranslateJob(rt: TranslationRuntime, ctx: JobContext): Promise<{ status: 'done' | 'partial' | 'failed'; error?: string | null }> {
  const { job, signal } = ctx;
  const plan = await translatePlan(rt, job);
  const { article } = plan;
  const segments = await rt.store.segments.listByArticle(article.id);
  const todo = segmentsToTranslate(segments, plan.scope);
  const byIdx = new Map(segments.map((s) => [s.idx, s]));

  let done = 0;
  let failed = 0;
  const errors: string[] = [];
  await ctx.progress({ total: todo.length, done, failed });
  await rt.store.articles.setStatus(article.id, 'translating');

  /** Store a result: QA, compare-and-set save, events. Runs off the critical path of the model calls. */
  async function keep(seg: SegmentRow, got: Produced): Promise<void> {
    try {
      const qa = await checkTranslation(rt, plan, seg, got.text);
      const saved = await saveTranslation(rt.store.segments, seg.id, { ...got, qa });
      if (saved) await segmentChanged(rt.store, seg);
      // The issues travel with the segment as it streams in, so the editor flags it before the job ends.
      ctx.emit(segmentEvent(seg, got, saved, qa));
      done++;
    } catch (err) {
      await fail(seg, err);
    }
    await ctx.progress({ done, failed });
  }

  async function fail(seg: SegmentRow, err: unknown): Promise<void> {
    failed++;
    const message = (err as Error).message;
    errors.push(message);
    await markFailed(rt.store.segments, seg.id, message);
    await segmentChanged(rt.store, seg);
    ctx.emit(failedSegmentEvent(seg, message));
  }

  // A worker hands each answer to `keep` and goes straight to its next call, so saving never holds a model slot.
  const queue = [...todo];
  const saving: Promise<void>[] = [];
  const workers = Array.from({ length: Math.min(rt.config.WORKBENCH_CONCURRENCY, queue.length) }, async () => {
    for (let seg = queue.shift(); seg && !signal.aborted; seg = queue.shift()) {
      try {
        const got = await produceTranslation(rt, plan, seg, byIdx.get(seg.idx - 1), signal);
        saving.push(keep(seg, got));
      } catch (err) {
        if (signal.aborted) break;
        await fail(seg, err);
        await ctx.progress({ done, failed });
      }
    }
  });
  try {
    await Promise.all(workers);
  } finally {
    // Answers already received are stored even when the job was cancelled: nothing translated is lost.
    await Promise.all(saving);
    await rt.store.articles.setStatus(article.id, 'imported');
  }
  return translateOutcome(todo.length, done, failed, errors[0]);
}

/**
 * Write a machine translation unless an editor owns the segment. Compare-and-set on the version, re-read on a
 * lost race, so an edit made while the model was answering always wins. Returns false when an editor owns it.
 */
export async function saveTranslation(segments: SegmentsRepository, id: string, r: Produced & { qa: unknown[] }): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await segments.get(id);
    if (!current || isEditorOwned(current)) return false;
    const saved = await segments.updateIfVersion(id, current.version, {
      machine_translation: r.origin === 'model' ? r.text : null, translation: r.text, mt_run_id: r.runId, status: 'translated', origin: r.origin, error: null, qa_json: JSON.stringify(r.qa),
    }, 'model');
    if (saved) return true;
  }
  // Counted as a failure, not a skip: a job must not end `done` with this segment left untranslated.
  throw new Errors.Conflict(`Segment ${id} kept changing while its translation was being saved; translate it again`);
}

/** A failed segment keeps any translation it had; one without becomes `failed` with the error. */
export async function markFailed(segments: SegmentsRepository, id: string, message: string): Promise<void> {
  const current = await segments.get(id);
  if (!current || isEditorOwned(current)) return;
  const patch = current.translation === null ? { status: 'failed', error: message } : { error: message };
  await segments.updateIfVersion(id, current.version, patch, 'model');
}
