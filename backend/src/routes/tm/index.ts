/** The translation memory: lookup, and import/export as TMX 1.4. Units are added when segments are approved. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { ImportResult, TmLookupQuery, TmMatch } from '../../schemas/terminology.ts';
import { translationMemoryFor } from '../../services/translation-memory.ts';
import { acceptTextBodies, readFileBody } from '../terms/read-file-body.ts';

export const tmRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const tm = translationMemoryFor(deps);
  acceptTextBodies(app);

  app.get('/api/tm/lookup', { schema: { tags: ['tm'], querystring: TmLookupQuery, response: { 200: z.object({ matches: z.array(TmMatch) }), 400: ErrorBody } } }, async (req) => ({
    matches: await tm.lookup(req.query.source, { threshold: req.query.threshold, limit: req.query.limit }),
  }));

  app.get('/api/tm/export', { schema: { tags: ['tm'] } }, async (_req, reply) =>
    reply.type('application/x-tmx+xml; charset=utf-8').header('content-disposition', 'attachment; filename="memory.tmx"').send(await tm.exportTmx()),
  );

  app.post('/api/tm/import', { schema: { tags: ['tm'], description: 'A TMX file with vi and en variants', response: { 200: ImportResult, 400: ErrorBody } } }, async (req) =>
    tm.importTmx(await readFileBody(req, 'TMX file'), { read: deps.intake.readInterchange }),
  );
};
