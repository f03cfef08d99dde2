/** The prompt files the server loaded, with the active version of each marked. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { PromptInfo } from '../../schemas/job.ts';
import { listPrompts, runtimeFor } from '../../services/translation-runtime.ts';

export const promptsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const rt = await runtimeFor(deps, { log: app.log });
  app.get('/api/prompts', { schema: { tags: ['prompts'], response: { 200: z.object({ prompts: z.array(PromptInfo) }) } } }, async () => ({
    prompts: listPrompts(rt),
  }));
};
