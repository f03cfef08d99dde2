/** An article's live segment changes as server-sent events, for every editor that has it open. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { sendEvents } from '../sse.ts';
import { Errors } from '../../errors.ts';
import { ErrorBody } from '../../schemas/article.ts';
import { followArticle } from '../../services/article-events.ts';

const Params = z.object({ id: z.string().min(1).max(100) });

export const articleEventsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get('/api/articles/:id/events', {
    schema: {
      tags: ['articles'], params: Params, response: { 404: ErrorBody },
      description: 'Server-sent events: `ready` once subscribed, then `segment` ({segment}: the whole segment) whenever one of the article\'s segments changes (edit, status, job result, import)',
    },
  }, async (req, reply) => {
    if (!(await deps.store.articles.get(req.params.id))) throw new Errors.ArticleNotFound(req.params.id);
    // With PostgreSQL, `ready` must not go out before this process hears other processes' changes.
    await deps.store.bus.ready();
    await sendEvents(req, reply, (signal) => followArticle(deps.store, req.params.id, signal), { articleId: req.params.id });
  });
};
