/** QA of one source/translation pair against the current termbase, for tools and tests. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { QaCheckBody, QaCheckResponse } from '../../schemas/terminology.ts';
import { checkPair } from '../../services/qa.ts';

export const qaRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.post('/api/qa/check', { schema: { tags: ['qa'], body: QaCheckBody, response: { 200: QaCheckResponse, 400: ErrorBody } } }, async (req) => ({
    issues: await checkPair(deps, req.body.source, req.body.translation),
  }));
};
