import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { exportArticle } from '../../services/export.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Query = z.object({
  format: z.enum(['md', 'docx']).default('docx'),
  kind: z.enum(['translation', 'brief', 'bilingual']).default('translation'),
});

/** GET /api/articles/:id/export?format=md|docx&kind=translation|brief|bilingual: a download. */
export const exportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/api/articles/:id/export',
    // No response schema: the zod serializer would JSON-encode the file.
    { schema: { tags: ['export'], params: Params, querystring: Query } },
    async (req, reply) => {
      const file = await exportArticle(deps, req.params.id, req.query.kind, req.query.format);
      // RFC 6266: an ASCII fallback plus the UTF-8 name.
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
