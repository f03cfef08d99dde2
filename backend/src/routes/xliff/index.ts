/** XLIFF 2.0/1.2 export of an article for CAT tools, and import of the edited file back onto its segments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { XliffImportResult } from '../../schemas/terminology.ts';
import { exportXliff, importXliff } from '../../services/xliff.ts';
import { acceptTextBodies, readFileBody } from '../terms/read-file-body.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Query = z.object({ version: z.enum(['2.0', '1.2']).default('2.0') });

export const xliffRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  acceptTextBodies(app);

  app.get('/api/articles/:id/xliff', { schema: { tags: ['articles'], params: Params, querystring: Query } }, async (req, reply) => {
    const xml = await exportXliff(deps, req.params.id, req.query.version);
    const suffix = req.query.version === '1.2' ? 'xlf' : 'xliff';
    return reply.type('application/x-xliff+xml; charset=utf-8').header('content-disposition', `attachment; filename="${req.params.id}.${suffix}"`).send(xml);
  });

  app.post('/api/articles/:id/xliff', { schema: { tags: ['articles'], params: Params, response: { 200: XliffImportResult, 400: ErrorBody, 404: ErrorBody } } }, async (req) =>
    importXliff(deps, req.params.id, await readFileBody(req, 'XLIFF file')),
  );
};
