/** QA of one source/translation pair against the current termbase, and fresh QA of a whole article. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { ArticleQaResponse, QaCheckBody, QaCheckResponse } from '../../schemas/terminology.ts';
import { articleQa, checkPair } from '../../services/qa.ts';

export const qaRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.post('/api/qa/check', { schema: { tags: ['qa'], body: QaCheckBody, response: { 200: QaCheckResponse, 400: ErrorBody } } }, async (req) => ({
    issues: await checkPair(deps, req.body.source, req.body.translation),
  }));

  app.get('/api/articles/:id/qa', { schema: { tags: ['qa'], params: z.object({ id: z.string().min(1).max(100) }), response: { 200: ArticleQaResponse, 404: ErrorBody } } }, async (req) => ({
    segments: await articleQa(deps, req.params.id),
  }));
};
