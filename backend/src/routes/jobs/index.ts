/** Jobs: read, follow live (server-sent events), cancel, resume. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { sendEvents } from '../sse.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { Job, JobAccepted } from '../../schemas/job.ts';
import { toJob } from '../../services/jobs.ts';
import { followJob } from '../../services/jobs-events.ts';
import { runtimeFor } from '../../services/translation-runtime.ts';

const Params = z.object({ id: z.string().min(1).max(100) });

export const jobsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const rt = await runtimeFor(deps, { log: app.log });

  app.get('/api/jobs/:id', { schema: { tags: ['jobs'], params: Params, response: { 200: Job, 404: ErrorBody } } }, async (req) =>
    toJob(await rt.runner.get(req.params.id)),
  );

  app.delete('/api/jobs/:id', { schema: { tags: ['jobs'], params: Params, response: { 200: Job, 404: ErrorBody } } }, async (req) =>
    toJob(await rt.runner.cancel(req.params.id)),
  );

  app.post('/api/jobs/:id/resume', { schema: { tags: ['jobs'], params: Params, response: { 202: JobAccepted, 404: ErrorBody, 409: ErrorBody } } }, async (req, reply) => {
    const job = await rt.runner.resume(req.params.id);
    return reply.code(202).send({ jobId: job.id });
  });

  app.get('/api/jobs/:id/events', { schema: { tags: ['jobs'], params: Params, description: 'Server-sent events: progress (first, the current state), segment, done, error' } }, async (req, reply) => {
    await rt.runner.get(req.params.id); // 404 before the stream starts
    await sendEvents(req, reply, (signal) => followJob(rt.runner, req.params.id, signal));
  });
};
