/** Saved eval runs for the Evals page, and the office's corrections as an eval dataset (JSONL). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { EvalDetail, EvalListItem } from '../../schemas/evals.ts';
import { listCorrections, toJsonl } from '../../services/eval-corrections.ts';
import { evalRunsFor, getEval, listEvals } from '../../services/evals.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const Query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const evalsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  const repo = evalRunsFor(deps.store);

  app.get('/api/evals', { schema: { tags: ['evals'], querystring: Query, response: { 200: z.object({ evals: z.array(EvalListItem) }) } } }, async (req) => ({
    evals: await listEvals(repo, req.query.limit),
  }));

  app.get('/api/evals/:id', { schema: { tags: ['evals'], params: Params, response: { 200: EvalDetail, 404: ErrorBody } } }, async (req) => getEval(repo, req.params.id));

  app.get(
    '/api/eval-datasets/corrections',
    { schema: { tags: ['evals'], description: 'JSONL: approved segments whose editor changed the machine translation ({id, vi, en, mt, prompt?, doc, annotations?})' } },
    async (_req, reply) => reply.type('application/x-ndjson; charset=utf-8').send(toJsonl(await listCorrections(deps.store))),
  );
};
