/**
 * The brief use case: start a brief job, the job itself, reading and saving the latest brief of an article, and its
 * history. Every generation and every restore is a new version (a draft); an edited or approved one is never
 * overwritten by the model.
 */
import { atLeast, type Role } from '../auth/roles.ts';
import { Errors } from '../errors.ts';
import { writeBrief } from '../llm/brief-chain.ts';
import type { BriefLength } from '../llm/brief-schema.ts';
import type { QaIssue } from '../schemas/article.ts';
import type { BriefBody, BriefResponse, BriefVersion, SaveBriefBody } from '../schemas/job.ts';
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
  const now = () => new Date().toISOString();
  const row = (content: unknown, error: string | null) => ({
    id: newId('brf'), article_id: article.id, job_id: job.id, run_id: lastRun, length, content_json: JSON.stringify(content),
    approved: 0, version: 1, created_at: now(), updated_at: now(), error, restored_from: null, qa_override: null,
  });
  let content;
  try {
    content = await writeBrief(rt.modelFor(prompt), article.title, segments.map((s) => ({ id: s.id, source: s.source, translation: s.translation })), {
    prompt, length, signal,
    onAttempt: async (a) => {
      lastRun = await recordRun(rt.store.runs, {
        jobId: job.id, articleId: article.id, segmentId: null, prompt, params: { ...runParams, mode: a.mode }, cacheKey: null,
        output: a.output, tokensIn: a.tokensIn, tokensOut: a.tokensOut, latencyMs: a.latencyMs, cached: false, error: a.error,
      });
    },
  });
  } catch (err) {
    // An answer that failed validation twice is kept as a failed version with the reason, next to the versions before.
    if ((err as { code?: string }).code !== 'ERR_MODEL_OUTPUT_INVALID') throw err;
    await rt.store.briefs.insert(row(EMPTY_BRIEF(length), (err as Error).message));
    await ctx.progress({ done: 0, failed: 1 });
    throw err;
  }
  await rt.store.briefs.insert(row(content, null));
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

const EMPTY_BRIEF = (length: string): BriefResponse['content'] => ({ headline: '', summary: '', keyPoints: [], people: [], organisations: [], places: [], figures: [], length });

/** A QA error of a segment, with the segment it is on. */
export type SegmentQaIssue = QaIssue & { segmentId: string; segmentIndex: number };

/** The QA errors still on an article's segments (as last saved), in segment order. */
export async function articleQaErrors(rt: Pick<TranslationRuntime, 'store'>, articleId: string): Promise<SegmentQaIssue[]> {
  const segments = await rt.store.segments.listByArticle(articleId);
  // Errors a person already let stand, with a reason, when confirming or approving the segment as it is now are not
  // asked about again; a later change to the segment brings them back.
  const overridden = new Set((await rt.store.segments.historyOfArticle(articleId)).filter((e) => e.qa_override).map((e) => `${e.segment_id}@${e.version}`));
  return segments.filter((s) => !overridden.has(`${s.id}@${s.version}`)).flatMap((s) => (JSON.parse(s.qa_json) as QaIssue[]).filter((i) => i.severity === 'error').map((i) => ({ ...i, segmentId: s.id, segmentIndex: s.idx })));
}

export type SaveBriefResult = { ok: true; brief: BriefResponse } | { ok: false; blocked: SegmentQaIssue[] };

/**
 * Save an editor's version of the latest brief (compare-and-set on `version`). Segment references must exist.
 * Approving it while segments of the article have QA errors is refused unless `qaOverride` says why.
 * @throws ERR_NOT_FOUND, ERR_CONFLICT on a stale version, ERR_INPUT_MALFORMED on an unknown segment id
 */
export async function saveBrief(rt: TranslationRuntime, articleId: string, body: SaveBriefBody, role: Role = 'admin'): Promise<SaveBriefResult> {
  const current = await getLatestBrief(rt, articleId);
  if (!atLeast(role, 'reviewer') && (current.approved || body.approved)) {
    throw new Errors.Forbidden(current.approved ? 'The brief is approved: only a reviewer may change it' : 'Only a reviewer approves a brief: save it unapproved');
  }
  let override: string | null = current.qaOverride;
  if (body.approved && !current.approved) {
    const errors = await articleQaErrors(rt, articleId);
    if (errors.length && !body.qaOverride) return { ok: false, blocked: errors };
    override = errors.length ? body.qaOverride!.reason : null;
  }
  const ids = new Set((await rt.store.segments.listByArticle(articleId)).map((s) => s.id));
  const refs = [...body.content.keyPoints.flatMap((k) => k.segmentIds), ...body.content.figures.map((f) => f.segmentId)];
  const unknown = refs.filter((id) => !ids.has(id));
  if (unknown.length) throw new Errors.MalformedInput(`The brief refers to segments that are not in article ${articleId}: ${[...new Set(unknown)].join(', ')}`);
  const saved = await rt.store.briefs.updateIfVersion(current.id, body.version, { content_json: JSON.stringify(body.content), approved: body.approved ? 1 : 0, qa_override: body.approved ? override : null, error: null });
  if (!saved) throw new Errors.Conflict(`The brief was changed by someone else (version ${current.version}, you sent ${body.version}); reload it and apply your change again`);
  return { ok: true, brief: toBrief(saved) };
}

/**
 * Every version of the article's brief, newest first; the first is the current one.
 * @throws ERR_ARTICLE_NOT_FOUND
 */
export async function listBriefVersions(rt: TranslationRuntime, articleId: string): Promise<BriefVersion[]> {
  if (!(await rt.store.articles.get(articleId))) throw new Errors.ArticleNotFound(articleId);
  const rows = await rt.store.briefs.listByArticle(articleId);
  return rows.map((r, i) => {
    const b = toBrief(r);
    return { id: b.id, createdAt: b.createdAt, updatedAt: r.updated_at, status: b.status, error: b.error, restoredFrom: b.restoredFrom, version: b.version, length: b.length, headline: b.content.headline, current: i === 0 };
  });
}

async function versionOf(rt: TranslationRuntime, articleId: string, briefId: string): Promise<BriefRow> {
  const row = await rt.store.briefs.get(briefId);
  if (!row || row.article_id !== articleId) throw new Errors.NotFound(`Article ${articleId} has no brief version ${briefId}`);
  return row;
}

/** One version of the article's brief. @throws ERR_NOT_FOUND */
export async function getBriefVersion(rt: TranslationRuntime, articleId: string, briefId: string): Promise<BriefResponse> {
  return toBrief(await versionOf(rt, articleId, briefId));
}

/**
 * Restore a version: its content becomes a new current version, as a draft to approve again; the versions in between
 * stay in the history. @throws ERR_NOT_FOUND, ERR_INPUT_MALFORMED for a failed version (it has no content)
 */
export async function restoreBriefVersion(rt: TranslationRuntime, articleId: string, briefId: string): Promise<BriefResponse> {
  const from = await versionOf(rt, articleId, briefId);
  if (from.error) throw new Errors.MalformedInput(`Brief version ${briefId} failed (${from.error}): it has nothing to restore`);
  const now = new Date().toISOString();
  const row = { ...from, id: newId('brf'), approved: 0, version: 1, created_at: now, updated_at: now, restored_from: from.id, qa_override: null, error: null };
  await rt.store.briefs.insert(row);
  return toBrief(row);
}

function toBrief(row: BriefRow): BriefResponse {
  return {
    id: row.id, articleId: row.article_id, jobId: row.job_id, runId: row.run_id, length: row.length, approved: row.approved === 1,
    version: row.version, createdAt: row.created_at, status: row.error ? 'failed' : row.approved === 1 ? 'approved' : 'draft', error: row.error,
    restoredFrom: row.restored_from, qaOverride: row.qa_override, content: JSON.parse(row.content_json) as BriefResponse['content'],
  };
}
