import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { noteAudit } from '../../auth/guard.ts';
import { Article, ArticleSummary, ErrorBody } from '../../schemas/article.ts';
import { readArticleBody } from '../../services/article-read.ts';
import { createArticle, deleteArticle, getArticle, listArticles, previewArticle } from '../../services/articles.ts';
import { ArticlesQuery, AssignBody, QualityReport } from '../../schemas/workflow.ts';
import { assignArticle, filterArticles, qualityCsv, qualityReport } from '../../services/workflow.ts';
import { sendCachedJson } from '../cached-reply.ts';
import { readArticleInput } from './read-input.ts';

const Params = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };
// Body is validated in readArticleInput because the same route also takes multipart uploads.
const bodyDoc = { description: 'JSON {title?, text} | {title?, html}, or multipart with a "file" field (.txt, .html, .docx)' };

export const articlesRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.post('/api/articles', { schema: { tags: ['articles'], ...bodyDoc, response: { 201: Article, ...errors } } }, async (req, reply) => {
    const article = await createArticle(deps, await readArticleInput(req));
    noteAudit(req, { entityId: article.id, articleId: article.id, after: { title: article.title, segments: article.segments.length, originalName: article.originalName } });
    return reply.code(201).send(article);
  });

  app.post('/api/articles/preview', { schema: { tags: ['articles'], ...bodyDoc } }, async (req) => previewArticle(deps, await readArticleInput(req)));

  app.get('/api/articles', { schema: { tags: ['articles'], querystring: ArticlesQuery, response: { 200: z.object({ articles: z.array(ArticleSummary) }) } } }, async (req) => ({
    articles: filterArticles(await listArticles(deps), req.actor, req.query),
  }));

  app.patch('/api/articles/:id', { schema: { tags: ['articles'], params: Params, body: AssignBody, response: { 200: Article, 400: ErrorBody, 404: ErrorBody } } }, async (req) => {
    const { before, after } = await assignArticle(deps, req.params.id, req.body);
    noteAudit(req, { before, after, detail: {} });
    return getArticle(deps, req.params.id);
  });

  app.get('/api/articles/:id/quality', {
    schema: { tags: ['articles'], params: Params, querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }), response: { 200: QualityReport.or(z.string()), 404: ErrorBody } },
  }, async (req, reply) => {
    const report = await qualityReport(deps, req.params.id);
    if (req.query.format === 'json') return report;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="quality-${req.params.id}.csv"`)
      .send(qualityCsv(report));
  });

  // The body is checked against `Article` once per revision of the article (services/article-read.ts), not per reply.
  app.get(
    '/api/articles/:id',
    { schema: { tags: ['articles'], params: Params, response: { 200: Article, 304: z.null().describe('Not modified: the If-None-Match ETag is current'), 404: ErrorBody } } },
    async (req, reply) => sendCachedJson(req, reply, await readArticleBody(deps, req.params.id)),
  );

  app.delete('/api/articles/:id', { schema: { tags: ['articles'], params: Params, response: { 204: z.null(), 404: ErrorBody } } }, async (req, reply) => {
    const gone = await getArticle(deps, req.params.id);
    await deleteArticle(deps, req.params.id);
    noteAudit(req, { before: { title: gone.title, segments: gone.segments.length, status: gone.status } });
    return reply.code(204).send(null);
  });
};
