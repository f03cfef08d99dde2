/** Every API route plugin, registered under one place so the API surface is visible at a glance. */
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../deps.ts';
import { articleEventsRoutes } from './articles/events.ts';
import { articlesRoutes } from './articles/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { translateRoutes } from './articles/translate.ts';
import { evalsRoutes } from './evals/index.ts';
import { evalRunsRoutes } from './evals/runs.ts';
import { exportRoutes } from './export/index.ts';
import { healthRoutes } from './health/index.ts';
import { jobsRoutes } from './jobs/index.ts';
import { promptsRoutes } from './prompts/index.ts';
import { qaRoutes } from './qa/index.ts';
import { termsRoutes } from './terms/index.ts';
import { tmRoutes } from './tm/index.ts';
import { xliffRoutes } from './xliff/index.ts';
import { segmentsRoutes } from './segments/index.ts';
import { settingsRoutes } from './settings/index.ts';
import { usersRoutes } from './users/index.ts';

export interface RouteOptions {
  deps: Deps;
}

export const registerRoutes: FastifyPluginAsync<RouteOptions> = async (app, { deps }) => {
  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(usersRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(settingsRoutes, { deps });
  await app.register(articlesRoutes, { deps });
  await app.register(articleEventsRoutes, { deps });
  await app.register(exportRoutes, { deps });
  await app.register(segmentsRoutes, { deps });
  await app.register(translateRoutes, { deps });
  await app.register(jobsRoutes, { deps });
  await app.register(promptsRoutes, { deps });
  await app.register(evalsRoutes, { deps });
  await app.register(evalRunsRoutes, { deps });
  await app.register(termsRoutes, { deps });
  await app.register(tmRoutes, { deps });
  await app.register(qaRoutes, { deps });
  await app.register(xliffRoutes, { deps });
};
