/** The append-only audit trail and reviewers' annotations (migration 0004). Nothing here updates or deletes. */
import type { Kysely } from 'kysely';
import { containsText } from '../dialect.ts';
import '../office-types.ts';
import type { AnnotationRow, AuditRow } from '../office-types.ts';
import type { Database } from '../types.ts';

export interface AuditFilter {
  user?: string;
  action?: string;
  articleId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditRepository {
  append(row: Omit<AuditRow, 'id'>): Promise<void>;
  list(filter: AuditFilter): Promise<AuditRow[]>;
  addAnnotations(rows: Omit<AnnotationRow, 'id'>[]): Promise<void>;
  annotationsByArticle(articleId: string): Promise<AnnotationRow[]>;
  annotationsBySegments(segmentIds: readonly string[]): Promise<AnnotationRow[]>;
}

export function auditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async append(row) {
      await db.insertInto('audit_log').values(row).execute();
    },
    list(f) {
      let q = db.selectFrom('audit_log').selectAll();
      if (f.user) q = q.where('user_name', '=', f.user);
      if (f.action) q = q.where(containsText(db, 'action', f.action));
      if (f.articleId) q = q.where('article_id', '=', f.articleId);
      if (f.from) q = q.where('at', '>=', f.from);
      if (f.to) q = q.where('at', '<=', f.to);
      return q.orderBy('id', 'desc').limit(f.limit ?? 1000).execute();
    },
    async addAnnotations(rows) {
      if (rows.length) await db.insertInto('segment_annotations').values(rows).execute();
    },
    annotationsByArticle: (articleId) =>
      db.selectFrom('segment_annotations').selectAll().where('article_id', '=', articleId).orderBy('id').execute(),
    annotationsBySegments: (ids) =>
      ids.length ? db.selectFrom('segment_annotations').selectAll().where('segment_id', 'in', ids).orderBy('id').execute() : Promise.resolve([]),
  };
}
