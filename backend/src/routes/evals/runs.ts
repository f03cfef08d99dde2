/** Eval runs started from the Evaluations page: what can be chosen, start, follow live (server-sent events), cancel. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { EvalRunOptions, EvalRunRequest, EvalRunState, MAX_UPLOAD_CHARS } from '../../schemas/eval-runs.ts';
import { EvalRunner, followEvalRun } from '../../services/eval-runs.ts';
import { listPrompts, runtimeFor } from '../../services/translation-runtime.ts';
import { sendEvents } from '../sse.ts';

const Params = z.object({ id: z.string().min(1).max(100) });

export const evalRunsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const rt = await runtimeFor(deps, { log: app.log });
  const runner = new EvalRunner({
    config: deps.config,
    store: deps.store,
    prompts: () => listPrompts(rt).filter((p) => p.id === 'translate').map((p) => ({ ref: p.ref, active: p.active })),
  });
  app.addHook('onClose', async () => runner.close());

  app.get('/api/eval-runs/options', { schema: { tags: ['evals'], response: { 200: EvalRunOptions } } }, async () => runner.options());

  app.get('/api/eval-runs', { schema: { tags: ['evals'], response: { 200: z.object({ runs: z.array(EvalRunState) }) } } }, async () => ({ runs: runner.list() }));

  app.post(
    '/api/eval-runs',
    {
      // an uploaded dataset rides in the JSON body
      bodyLimit: MAX_UPLOAD_CHARS * 4 + 64 * 1024,
      schema: {
        tags: ['evals'],
        description: 'Start an eval run (saved like `npm run eval -- --save`); follow it at /api/eval-runs/:id/events',
        body: EvalRunRequest,
        response: { 202: EvalRunState, 400: ErrorBody, 409: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => reply.code(202).send(await runner.start(req.body)),
  );

  app.get('/api/eval-runs/:id', { schema: { tags: ['evals'], params: Params, response: { 200: EvalRunState, 404: ErrorBody } } }, async (req) => runner.get(req.params.id));

  app.delete('/api/eval-runs/:id', { schema: { tags: ['evals'], params: Params, response: { 200: EvalRunState, 404: ErrorBody } } }, async (req) => runner.cancel(req.params.id));

  app.get('/api/eval-runs/:id/events', { schema: { tags: ['evals'], params: Params, description: 'Server-sent events: progress (first, the current state), done' } }, async (req, reply) => {
    runner.get(req.params.id); // 404 before the stream starts
    await sendEvents(req, reply, (signal) => followEvalRun(runner, req.params.id, signal));
  });
};
