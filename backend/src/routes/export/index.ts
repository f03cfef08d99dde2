import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { exportArticle } from '../../services/export.ts';
import { signOffFinal } from '../../services/workflow.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Query = z.object({
  format: z.enum(['md', 'docx']).default('docx'),
  kind: z.enum(['translation', 'brief', 'bilingual']).default('translation'),
  /** `true`: the release copy; refused unless every segment and the brief are approved, and records who approved. */
  final: z.enum(['true', 'false']).default('false'),
});

/** GET /api/articles/:id/export?format=md|docx&kind=translation|brief|bilingual: a download. */
export const exportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/api/articles/:id/export',
    // No response schema: the zod serializer would JSON-encode the file.
    { schema: { tags: ['export'], params: Params, querystring: Query } },
    async (req, reply) => {
      const signOff = req.query.final === 'true' ? await signOffFinal(deps, req.params.id, actorOf(req)) : null;
      const file = await exportArticle(deps, req.params.id, req.query.kind, req.query.format);
      if (signOff) {
        noteAudit(req, { action: 'article.export_final', after: signOff });
        // ASCII-safe header (names may be Vietnamese); the Markdown copy carries the names in its text.
        reply.header('x-approved-by', encodeURIComponent(signOff.approvers.join(', ')));
        if (req.query.format === 'md') file.body = `${String(file.body).trimEnd()}\n\n---\n\nApproved for release by ${signOff.approvers.join(', ')}; exported by ${signOff.signedBy}.\n`;
      }
      // RFC 6266: an ASCII fallback plus the UTF-8 name.
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
