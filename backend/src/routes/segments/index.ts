import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { ErrorBody, PatchSegmentBody, Segment } from '../../schemas/article.ts';
import { getSegmentHistory, patchSegment } from '../../services/segments.ts';

const Params = z.object({ id: z.string().min(1).max(120) });
const Conflict = ErrorBody.extend({ current: Segment });
const Edit = z.object({
  id: z.number(),
  editor: z.string(),
  at: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  beforeStatus: z.string(),
  afterStatus: z.string(),
  version: z.number(),
});

export const segmentsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.patch(
    '/api/segments/:id',
    { schema: { tags: ['segments'], params: Params, body: PatchSegmentBody, response: { 200: Segment, 400: ErrorBody, 404: ErrorBody, 409: Conflict } } },
    async (req, reply) => {
      const result = await patchSegment(deps, req.params.id, req.body, actorOf(req));
      if (result.ok) {
        const b = result.before;
        const s = result.segment;
        noteAudit(req, {
          entity: 'segment',
          articleId: b.article_id,
          before: { translation: b.translation, status: b.status, version: b.version },
          after: { translation: s.translation, status: s.status, version: s.version },
          detail: req.body.annotations?.length ? { annotations: req.body.annotations } : {},
        });
        return result.segment;
      }
      return reply.code(409).send({
        error: {
          code: 'ERR_SEGMENT_VERSION_CONFLICT',
          message: `Segment ${req.params.id} was saved by someone else (now version ${result.current.version}, you sent ${req.body.version}): nothing was overwritten; merge with the current text and save again`,
        },
        current: result.current,
      });
    },
  );

  app.get('/api/segments/:id/history', { schema: { tags: ['segments'], params: Params, response: { 200: z.object({ edits: z.array(Edit) }), 404: ErrorBody } } }, async (req) => ({
    edits: (await getSegmentHistory(deps, req.params.id)).map((e) => ({
      id: e.id,
      editor: e.editor,
      at: e.at,
      before: e.before_translation,
      after: e.after_translation,
      beforeStatus: e.before_status,
      afterStatus: e.after_status,
      version: e.version,
    })),
  }));
};
