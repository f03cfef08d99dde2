/** The audit trail (admins, with filters and CSV) and an article's history (its audit records and segment edits). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../index.ts';
import { AuditEntry, AuditQuery } from '../../schemas/office.ts';
import { auditCsv, listAudit } from '../../services/audit.ts';

export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { deps }) => {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuery } }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const entries = await listAudit(deps, filter);
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').header('cache-control', 'no-store').send(auditCsv(entries));
    }
    return reply.send({ entries });
  });

  app.get('/api/articles/:id/history', {
    schema: { tags: ['audit'], params: z.object({ id: z.string().min(1).max(100) }), response: { 200: z.object({ entries: z.array(AuditEntry) }) } },
  }, async (req) => ({ entries: (await listAudit(deps, { articleId: req.params.id, limit: 10_000 })).reverse() }));
};
