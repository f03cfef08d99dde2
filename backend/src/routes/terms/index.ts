/** The termbase: CRUD, and import/export as CSV or TBX. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { CreateTermBody, ImportResult, PatchTermBody, Term } from '../../schemas/terminology.ts';
import { terminologyFor } from '../../services/terminology.ts';
import { acceptTextBodies, readFileBody } from './read-file-body.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const ExportQuery = z.object({ format: z.enum(['csv', 'tbx']).default('csv') });
const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

export const termsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const terms = terminologyFor(deps);
  acceptTextBodies(app);

  app.get('/api/terms', { schema: { tags: ['terms'], response: { 200: z.object({ terms: z.array(Term) }) } } }, async () => ({ terms: await terms.list() }));

  app.post('/api/terms', { schema: { tags: ['terms'], body: CreateTermBody, response: { 201: Term, 400: ErrorBody, 409: ErrorBody } } }, async (req, reply) =>
    reply.code(201).send(await terms.create(req.body)),
  );

  app.get('/api/terms/export', { schema: { tags: ['terms'], querystring: ExportQuery } }, async (req, reply) => {
    const { format } = req.query;
    const body = await terms.exportFile(format);
    return reply
      .type(format === 'tbx' ? 'application/x-tbx+xml; charset=utf-8' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="termbase.${format}"`)
      .send(body);
  });

  app.post(
    '/api/terms/import',
    {
      schema: {
        tags: ['terms'],
        description: 'A CSV (vi,en,abbr,note,...; comma, semicolon or tab; UTF-8 or UTF-16) or TBX (2008 or 2019) file. With dryRun=true nothing is saved and the answer lists what the import would overwrite.',
        querystring: ImportQuery,
        response: { 200: ImportResult, 400: ErrorBody },
      },
    },
    async (req) => terms.importFile(await readFileBody(req, 'CSV or TBX termbase'), { dryRun: req.query.dryRun }),
  );

  app.get('/api/terms/:id', { schema: { tags: ['terms'], params: Params, response: { 200: Term, 404: ErrorBody } } }, async (req) => terms.get(req.params.id));

  app.patch('/api/terms/:id', { schema: { tags: ['terms'], params: Params, body: PatchTermBody, response: { 200: Term, 400: ErrorBody, 404: ErrorBody } } }, async (req) =>
    terms.update(req.params.id, req.body),
  );

  app.delete('/api/terms/:id', { schema: { tags: ['terms'], params: Params, response: { 204: z.null(), 404: ErrorBody } } }, async (req, reply) => {
    await terms.remove(req.params.id);
    return reply.code(204).send(null);
  });
};
