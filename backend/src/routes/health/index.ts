import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { health } from '../../services/health.ts';

export const HealthResponse = z.object({
  ok: z.boolean(),
  version: z.string(),
  model: z.object({ configured: z.boolean(), model: z.string().nullable(), baseUrlHost: z.string().nullable() }),
});

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get('/api/health', { schema: { tags: ['system'], response: { 200: HealthResponse } } }, async () => health(deps.config));
};
