/**
 * Every migration in order. A feature adds its tables with a new `NNNN_name.ts` file and one line here; a released
 * migration never changes what it does to a database (what differs between SQLite and PostgreSQL is asked of
 * ../dialect.ts). Imported statically so the server also runs from a bundle.
 */
import type { Migration } from 'kysely';
import * as core from './0001_core.ts';
import * as terminology from './0002_terminology.ts';
import * as evals from './0003_evals.ts';
import * as office from './0004_office.ts';
import * as tmProvenance from './0005_tm_provenance.ts';
import * as evalTrust from './0006_eval_trust.ts';
import * as reviewTrust from './0007_review_trust.ts';
import * as providerBudget from './0008_provider_budget.ts';
import * as jobTasks from './0009_job_tasks.ts';
import * as loginFailures from './0010_login_failures.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_core': core,
  '0002_terminology': terminology,
  '0003_evals': evals,
  '0004_office': office,
  '0005_tm_provenance': tmProvenance,
  '0006_eval_trust': evalTrust,
  '0007_review_trust': reviewTrust,
  '0008_provider_budget': providerBudget,
  '0009_job_tasks': jobTasks,
  '0010_login_failures': loginFailures,
};
