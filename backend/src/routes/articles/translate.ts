/** Translate and brief an article (202 + job id), read and save its latest brief, list its model runs and its jobs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { ArticleQaGateBlocked, ErrorBody } from '../../schemas/article.ts';
import { BriefBody, BriefResponse, BriefVersion, Job, JobAccepted, ModelRun, SaveBriefBody, TranslateBody } from '../../schemas/job.ts';
import { getBriefVersion, getLatestBrief, listBriefVersions, restoreBriefVersion, saveBrief, startBrief } from '../../services/brief.ts';
import { toJob } from '../../services/jobs.ts';
import { listRuns, startTranslation } from '../../services/translation.ts';
import { runtimeFor } from '../../services/translation-runtime.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const errors = { 404: ErrorBody, 503: ErrorBody };
const VersionParams = Params.extend({ briefId: z.string().min(1).max(100) });


export const translateRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const rt = await runtimeFor(deps, { log: app.log });
  app.addHook('onClose', async () => rt.close());

  app.post('/api/articles/:id/translate', {
    schema: { tags: ['jobs'], params: Params, body: TranslateBody.nullish(), response: { 202: JobAccepted, ...errors } },
  }, async (req, reply) => {
    const job = await startTranslation(rt, req.params.id, req.body ?? { scope: 'all' });
    return reply.code(202).send({ jobId: job.id });
  });

  app.post('/api/articles/:id/brief', {
    schema: { tags: ['jobs'], params: Params, body: BriefBody.nullish(), response: { 202: JobAccepted, ...errors } },
  }, async (req, reply) => {
    const job = await startBrief(rt, req.params.id, req.body ?? { length: 'standard' });
    return reply.code(202).send({ jobId: job.id });
  });

  app.get('/api/articles/:id/brief', { schema: { tags: ['jobs'], params: Params, response: { 200: BriefResponse, 404: ErrorBody } } }, async (req) =>
    getLatestBrief(rt, req.params.id),
  );

  app.put('/api/articles/:id/brief', {
    schema: { tags: ['jobs'], params: Params, body: SaveBriefBody, response: { 200: BriefResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: z.union([ArticleQaGateBlocked, ErrorBody]) } },
  }, async (req, reply) => {
    const before = await getLatestBrief(rt, req.params.id);
    const result = await saveBrief(rt, req.params.id, req.body, actorOf(req).role);
    if (result.ok) {
      const after = result.brief;
      noteAudit(req, {
        entity: 'brief', entityId: after.id, articleId: req.params.id,
        before: { approved: before.approved, version: before.version, content: before.content },
        after: { approved: after.approved, version: after.version, content: after.content },
        detail: req.body.qaOverride ? { qaOverride: req.body.qaOverride } : {},
      });
      return after;
    }
    const n = new Set(result.blocked.map((i) => i.segmentId)).size;
    return reply.code(409).send({
      error: { code: 'ERR_QA_GATE_BLOCKED' as const, message: `${n} segment${n === 1 ? '' : 's'} of the article still ${n === 1 ? 'has' : 'have'} QA errors: fix them, or approve the brief with qaOverride.reason saying why. Nothing was saved.` },
      issues: result.blocked,
    });
  });

  app.get('/api/articles/:id/brief/versions', { schema: { tags: ['jobs'], params: Params, response: { 200: z.object({ versions: z.array(BriefVersion) }), 404: ErrorBody } } }, async (req) => ({
    versions: await listBriefVersions(rt, req.params.id),
  }));
  app.get('/api/articles/:id/brief/versions/:briefId', { schema: { tags: ['jobs'], params: VersionParams, response: { 200: BriefResponse, 404: ErrorBody } } }, async (req) =>
    getBriefVersion(rt, req.params.id, req.params.briefId),
  );
  app.post('/api/articles/:id/brief/versions/:briefId/restore', { schema: { tags: ['jobs'], params: VersionParams, response: { 200: BriefResponse, 400: ErrorBody, 404: ErrorBody } } }, async (req) =>
    restoreBriefVersion(rt, req.params.id, req.params.briefId),
  );

  app.get('/api/articles/:id/runs', {
    schema: {
      tags: ['jobs'], params: Params,
      response: { 200: z.object({ runs: z.array(ModelRun), totals: z.object({ calls: z.number(), cached: z.number(), tokensIn: z.number(), tokensOut: z.number(), costUsd: z.number().nullable() }) }), 404: ErrorBody },
    },
  }, async (req) => listRuns(rt, req.params.id));

  app.get('/api/articles/:id/jobs', { schema: { tags: ['jobs'], params: Params, response: { 200: z.object({ jobs: z.array(Job) }) } } }, async (req) => ({
    jobs: (await rt.store.jobs.listByArticle(req.params.id)).map(toJob),
  }));
};
