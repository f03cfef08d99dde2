import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { atLeast } from '../../auth/roles.ts';
import { Errors } from '../../errors.ts';
import { exportArticle } from '../../services/export.ts';
import { signOffFinal } from '../../services/workflow.ts';
import { ArticleQaGateBlocked } from '../../schemas/article.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Query = z.object({
  format: z.enum(['md', 'docx']).default('docx'),
  kind: z.enum(['translation', 'brief', 'bilingual']).default('translation'),
  /** Export as final: every segment approved, and no QA error unless `qaOverride` says why. */
  final: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
  qaOverride: z.string().trim().min(3, 'Say why the QA errors may stay (at least 3 characters)').max(1000).optional(),
});

/** GET /api/articles/:id/export?format=md|docx&kind=translation|brief|bilingual[&final=true[&qaOverride=why]]: a download. */
export const exportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/api/articles/:id/export',
    // No response schema: the zod serializer would JSON-encode the file.
    { schema: { tags: ['export'], params: Params, querystring: Query } },
    async (req, reply) => {
      if (req.query.qaOverride && !atLeast(actorOf(req).role, 'reviewer')) throw new Errors.Forbidden('Only a reviewer may let QA errors stand in a final export');
      // Once the checks pass (approvals and QA), who approved is recorded and printed in the release copy.
      const result = await exportArticle(deps, req.params.id, req.query.kind, req.query.format, {
        final: req.query.final, qaOverride: req.query.qaOverride, signOff: () => signOffFinal(deps, req.params.id, actorOf(req)),
      });
      if (!result.ok && 'notFinal' in result) {
        return reply.code(409).send({ error: { code: 'ERR_EXPORT_NOT_FINAL', message: result.notFinal.message }, segments: result.notFinal.segments });
      }
      if (!result.ok) {
        const n = new Set(result.blocked.map((i) => i.segmentId)).size;
        const body: z.infer<typeof ArticleQaGateBlocked> = {
          error: { code: 'ERR_QA_GATE_BLOCKED', message: `${n} segment${n === 1 ? '' : 's'} still ${n === 1 ? 'has' : 'have'} QA errors: fix them, or export as final with qaOverride saying why. Nothing was exported.` },
          issues: result.blocked,
        };
        return reply.code(409).send(body);
      }
      const { file, signOff } = result;
      if (signOff) {
        noteAudit(req, { action: 'article.export_final', after: signOff });
        // ASCII-safe header (names may be Vietnamese); the file's footer carries the names in its text.
        reply.header('x-approved-by', encodeURIComponent(signOff.approvers.join(', ')));
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
