/** The translation memory: lookup, and import/export as TMX 1.4. Units are added when segments are approved. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { ImportResult, TmLookupQuery, TmMatch } from '../../schemas/terminology.ts';
import { TmUnit, TmUnitPatch, TmUnitsQuery } from '../../schemas/memory.ts';
import { articleTmMatches } from '../../services/article-tm-matches.ts';
import { deleteMemoryUnit, listMemory, updateMemoryUnit } from '../../services/memory-page.ts';
import { translationMemoryFor } from '../../services/translation-memory.ts';
import { acceptTextBodies, readFileBody } from '../terms/read-file-body.ts';

export const tmRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const tm = translationMemoryFor(deps);
  acceptTextBodies(app);

  app.get('/api/tm/lookup', { schema: { tags: ['tm'], querystring: TmLookupQuery, response: { 200: z.object({ matches: z.array(TmMatch) }), 400: ErrorBody } } }, async (req) => ({
    matches: await tm.lookup(req.query.source, { threshold: req.query.threshold, limit: req.query.limit }),
  }));

  // "Has memory match" for the editor's filter: every segment's best score in one request.
  app.get(
    '/api/articles/:id/tm-matches',
    {
      schema: {
        tags: ['tm'],
        description: 'The best memory score (at or above the threshold) of each segment of the article, by segment id; segments without a match are left out',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ threshold: z.number(), scores: z.record(z.string(), z.number()) }), 404: ErrorBody },
      },
    },
    async (req) => articleTmMatches(deps, req.params.id),
  );

  // The memory page: list with search and filters, correct, delete.
  const UnitParams = z.object({ id: z.string().min(1).max(120) });
  app.get('/api/tm/units', { schema: { tags: ['tm'], querystring: TmUnitsQuery, response: { 200: z.object({ units: z.array(TmUnit), total: z.number().int() }), 400: ErrorBody } } }, async (req) =>
    listMemory(deps, req.query),
  );
  app.patch('/api/tm/units/:id', { schema: { tags: ['tm'], params: UnitParams, body: TmUnitPatch, response: { 200: TmUnit, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } }, async (req) =>
    updateMemoryUnit(deps, req.params.id, req.body),
  );
  app.delete('/api/tm/units/:id', { schema: { tags: ['tm'], params: UnitParams, response: { 204: z.null(), 404: ErrorBody } } }, async (req, reply) => {
    await deleteMemoryUnit(deps, req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/tm/export', { schema: { tags: ['tm'] } }, async (_req, reply) =>
    reply.type('application/x-tmx+xml; charset=utf-8').header('content-disposition', 'attachment; filename="memory.tmx"').send(await tm.exportTmx()),
  );

  app.post('/api/tm/import', { schema: { tags: ['tm'], description: 'A TMX file with vi and en variants', response: { 200: ImportResult, 400: ErrorBody } } }, async (req) =>
    tm.importTmx(await readFileBody(req, 'TMX file')),
  );
};
