/** The table of migration 0009: a translate job's segments as units of work for worker processes. */
import type { Selectable } from 'kysely';

export interface JobTasksTable {
  job_id: string;
  segment_id: string;
  /** pending | done | failed | cancelled */
  state: string;
  error: string | null;
  updated_at: string;
}

export type JobTaskRow = Selectable<JobTasksTable>;

declare module './types.ts' {
  interface Database {
    job_tasks: JobTasksTable;
  }
}
