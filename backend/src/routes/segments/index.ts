import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { actorOf, noteAudit } from '../../auth/guard.ts';
import { ErrorBody, PatchSegmentBody, QaGateBlocked, Segment } from '../../schemas/article.ts';
import { getSegmentHistory, patchSegment, undoPropagation } from '../../services/segments.ts';

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
  /** The reason given for approving over QA errors; null for an ordinary edit. */
  qaOverride: z.string().nullable(),
});
const Previous = z.object({ translation: z.string().nullable(), status: z.string(), origin: z.string().nullable(), version: z.number().int() });
const PropagatedItem = z.object({ id: z.string(), version: z.number().int(), previous: Previous });
/** The saved segment; after an approval, also the identical segments of the article it filled (undo with their `previous`). */
const Patched = Segment.extend({ propagated: z.array(PropagatedItem) });
const UndoBody = z.object({ items: z.array(PropagatedItem.extend({ id: z.string().min(1).max(120) })).min(1).max(1000), editor: z.string().max(100).optional() }).strict();

export const segmentsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.patch(
    '/api/segments/:id',
    { schema: { tags: ['segments'], params: Params, body: PatchSegmentBody, response: { 200: Patched, 400: ErrorBody, 404: ErrorBody, 409: z.union([QaGateBlocked, Conflict]) } } },
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
          detail: {
            ...(req.body.annotations?.length ? { annotations: req.body.annotations } : {}),
            ...(req.body.qaOverride ? { qaOverride: req.body.qaOverride } : {}),
            ...(result.propagated.length ? { propagated: result.propagated.map((p) => p.id) } : {}),
          },
        });
        return { ...result.segment, propagated: result.propagated };
      }
      if ('blocked' in result) {
        const n = result.blocked.length;
        return reply.code(409).send({
          error: {
            code: 'ERR_QA_GATE_BLOCKED' as const,
            message: `Segment ${req.params.id} has ${n} QA error${n === 1 ? '' : 's'}: fix ${n === 1 ? 'it' : 'them'}, or approve anyway with qaOverride.reason saying why. Nothing was saved.`,
          },
          issues: result.blocked,
        });
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

  app.post(
    '/api/segments/propagation/undo',
    { schema: { tags: ['segments'], body: UndoBody, response: { 200: z.object({ restored: z.array(Segment), skipped: z.array(z.string()) }), 400: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const actor = actorOf(req);
      return undoPropagation(deps, req.body.items, actor.via === 'local' ? req.body.editor : actor.name);
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
      qaOverride: e.qa_override,
    })),
  }));
};
