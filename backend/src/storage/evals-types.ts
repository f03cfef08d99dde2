/** The eval_runs table (migration 0003_evals) and its repository interface. */
import type { Insertable, Selectable } from 'kysely';

export interface EvalRunsTable {
  id: string;
  /** 'translation' or 'brief' */
  kind: string;
  dataset: string;
  items: number;
  prompts_json: string;
  models_json: string;
  /** Per run: label, prompt, model, repeat and metrics (no items). */
  summary_json: string;
  winner: string | null;
  report_json: string;
  created_at: string;
}

declare module './types.ts' {
  interface Database {
    eval_runs: EvalRunsTable;
  }
}

export type EvalRunRow = Selectable<EvalRunsTable>;
export type NewEvalRunRow = Insertable<EvalRunsTable>;
export type EvalRunListRow = Omit<EvalRunRow, 'report_json'>;

export interface EvalRunsRepository {
  insert(row: NewEvalRunRow): Promise<void>;
  /** Newest first, without the full reports. */
  list(limit: number): Promise<EvalRunListRow[]>;
  get(id: string): Promise<EvalRunRow | undefined>;
}
