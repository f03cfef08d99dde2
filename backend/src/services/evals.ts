/**
 * Saved eval runs: stored by `npm run eval -- --save`, listed and opened by the Evals page.
 */
import { Errors } from '../errors.ts';
import { EvalReportInput, type EvalDetail, type EvalListItem } from '../schemas/evals.ts';
import type { EvalRunListRow, EvalRunsRepository } from '../storage/evals-types.ts';
import type { OpenStore } from '../storage/index.ts';
import { evalRunsRepository } from '../storage/kysely/evals-repository.ts';
import { newId } from './ids.ts';

/** The saved eval runs of a store. */
export function evalRunsFor(store: Pick<OpenStore, 'db'>): EvalRunsRepository {
  return evalRunsRepository(store.db);
}

const unique = (xs: string[]) => [...new Set(xs)];

function toListItem(row: EvalRunListRow): EvalListItem {
  const prompts = JSON.parse(row.prompts_json) as string[];
  const models = JSON.parse(row.models_json) as string[];
  const runs = JSON.parse(row.summary_json) as EvalListItem['runs'];
  const kind = row.kind === 'brief' ? 'brief' : 'translation';
  const [metric, label] = kind === 'brief' ? ['schemaValidRate', 'schema valid'] : ['chrfpp', 'chrF++'];
  const scores: Record<string, number> = {};
  for (const r of runs) if (typeof r.metrics[metric] === 'number') scores[`${r.label} ${label}`] = r.metrics[metric] as number;
  const name = `${row.dataset.split('/').pop()} · ${prompts.join(' vs ')}${models.length > 1 ? ` · ${models.join(' vs ')}` : ''}`;
  return {
    id: row.id,
    kind,
    dataset: row.dataset,
    items: row.items,
    prompts,
    models,
    runs,
    winner: row.winner,
    createdAt: row.created_at,
    name,
    scores,
  };
}

/**
 * Validate and store a report; returns its id.
 * @throws ERR_INPUT_MALFORMED naming what is missing from the report.
 */
export async function saveEvalReport(repo: EvalRunsRepository, report: unknown, now = new Date()): Promise<string> {
  const parsed = EvalReportInput.safeParse(report);
  if (!parsed.success) throw new Errors.MalformedInput(`Not an eval report: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const r = parsed.data;
  const id = newId('eval');
  await repo.insert({
    id,
    kind: r.kind ?? 'translation',
    dataset: r.dataset.file,
    items: r.dataset.items,
    prompts_json: JSON.stringify(unique(r.runs.map((x) => x.prompt))),
    models_json: JSON.stringify(unique(r.runs.map((x) => x.model))),
    summary_json: JSON.stringify(r.runs.map(({ label, prompt, model, repeat, metrics }) => ({ label, prompt, model, repeat, metrics }))),
    // only a significant winner is listed as one (reports before that rule carry significant: false)
    winner: r.winner && (r.winner as { significant?: unknown }).significant !== false ? r.winner.label : null,
    report_json: JSON.stringify(report),
    created_at: now.toISOString(),
  });
  return id;
}

/** Newest first. */
export async function listEvals(repo: EvalRunsRepository, limit = 100): Promise<EvalListItem[]> {
  return (await repo.list(limit)).map(toListItem);
}

/** @throws ERR_NOT_FOUND */
export async function getEval(repo: EvalRunsRepository, id: string): Promise<EvalDetail> {
  const row = await repo.get(id);
  if (!row) throw new Errors.NotFound(`Eval run ${id} does not exist`);
  return { ...toListItem(row), report: JSON.parse(row.report_json) as Record<string, unknown> };
}
