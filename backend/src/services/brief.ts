/**
 * The brief use case: start a brief job, the job itself, and reading the latest brief of an article.
 */
import { atLeast, type Role } from '../auth/roles.ts';
import { Errors } from '../errors.ts';
import { writeBrief } from '../llm/brief-chain.ts';
import type { BriefLength } from '../llm/brief-schema.ts';
import type { BriefBody, BriefResponse, SaveBriefBody } from '../schemas/job.ts';
import type { BriefRow } from '../storage/types.ts';
import type { JobRow } from '../storage/types.ts';
import { newId } from './ids.ts';
import type { JobContext } from './jobs.ts';
import { recordRun } from './translation-runs.ts';
import type { TranslationRuntime } from './translation-runtime.ts';

/**
 * Start (or join) the brief job of an article.
 * @throws ERR_ARTICLE_NOT_FOUND, ERR_MODEL_NOT_CONFIGURED
 */
export async function startBrief(rt: TranslationRuntime, articleId: string, body: BriefBody = { length: 'standard' }): Promise<JobRow> {
  if (!(await rt.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  const prompt = rt.activePrompt('brief');
  rt.modelFor(prompt);
  const active = await rt.runner.activeFor(articleId, 'brief');
  if (active) return active;
  return rt.runner.start('brief', articleId, { length: body.length, prompt: prompt.ref });
}

/** The job handler for `brief`: one brief from the article's sources and current translations. */
export async function runBriefJob(rt: TranslationRuntime, ctx: JobContext): Promise<{ status: 'done'; error?: null }> {
  const { job, signal } = ctx;
  const params = JSON.parse(job.params_json) as { length?: BriefLength; prompt?: string };
  const article = await rt.store.articles.get(job.article_id);
  if (!article) throw new Errors.ArticleNotFound(job.article_id);
  const prompt = (params.prompt && rt.prompts.get(params.prompt)) || rt.activePrompt('brief');
  const runParams = rt.runParams(prompt);
  const segments = await rt.store.segments.listByArticle(article.id);
  await ctx.progress({ total: 1, done: 0, failed: 0 });
  let lastRun: string | null = null;
  const length = params.length ?? 'standard';
  const content = await writeBrief(rt.modelFor(prompt), article.title, segments.map((s) => ({ id: s.id, source: s.source, translation: s.translation })), {
    prompt, length, signal,
    onAttempt: async (a) => {
      lastRun = await recordRun(rt.store.runs, {
        jobId: job.id, articleId: article.id, segmentId: null, prompt, params: { ...runParams, mode: a.mode }, cacheKey: null,
        output: a.output, tokensIn: a.tokensIn, tokensOut: a.tokensOut, latencyMs: a.latencyMs, cached: false, error: a.error,
      });
    },
  });
  const now = new Date().toISOString();
  await rt.store.briefs.insert({
    id: newId('brf'), article_id: article.id, job_id: job.id, run_id: lastRun, length, content_json: JSON.stringify(content),
    approved: 0, version: 1, created_at: now, updated_at: now,
  });
  await ctx.progress({ done: 1, failed: 0 });
  return { status: 'done' };
}

/**
 * The newest brief of an article.
 * @throws ERR_ARTICLE_NOT_FOUND, ERR_NOT_FOUND when no brief was written yet
 */
export async function getLatestBrief(rt: TranslationRuntime, articleId: string): Promise<BriefResponse> {
  if (!(await rt.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  const row = await rt.store.briefs.latest(articleId);
  if (!row) throw new Errors.NotFound(`Article ${articleId} has no brief yet: POST /api/articles/${articleId}/brief writes one`);
  return toBrief(row);
}

/**
 * Save an editor's version of the latest brief (compare-and-set on `version`). Segment references must exist.
 * @throws ERR_NOT_FOUND, ERR_CONFLICT on a stale version, ERR_INPUT_MALFORMED on an unknown segment id
 */
export async function saveBrief(rt: TranslationRuntime, articleId: string, body: SaveBriefBody, role: Role = 'admin'): Promise<BriefResponse> {
  const current = await getLatestBrief(rt, articleId);
  if (!atLeast(role, 'reviewer') && (current.approved || body.approved)) {
    throw new Errors.Forbidden(current.approved ? 'The brief is approved: only a reviewer may change it' : 'Only a reviewer approves a brief: save it unapproved');
  }
  const ids = new Set((await rt.store.segments.listByArticle(articleId)).map((s) => s.id));
  const refs = [...body.content.keyPoints.flatMap((k) => k.segmentIds), ...body.content.figures.map((f) => f.segmentId)];
  const unknown = refs.filter((id) => !ids.has(id));
  if (unknown.length) throw new Errors.MalformedInput(`The brief refers to segments that are not in article ${articleId}: ${[...new Set(unknown)].join(', ')}`);
  const saved = await rt.store.briefs.updateIfVersion(current.id, body.version, { content_json: JSON.stringify(body.content), approved: body.approved ? 1 : 0 });
  if (!saved) throw new Errors.Conflict(`The brief was changed by someone else (version ${current.version}, you sent ${body.version}); reload it and apply your change again`);
  return toBrief(saved);
}

function toBrief(row: BriefRow): BriefResponse {
  return {
    id: row.id, articleId: row.article_id, jobId: row.job_id, runId: row.run_id, length: row.length, approved: row.approved === 1,
    version: row.version, createdAt: row.created_at, content: JSON.parse(row.content_json) as BriefResponse['content'],
  };
}
