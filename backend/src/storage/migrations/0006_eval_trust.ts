import type { Kysely } from 'kysely';

/**
 * Saved eval runs listed a "winner" even when it was not significantly better than the others (the Evals page showed
 * a green Winner for 98.94 vs 98.93, p = 0.09). A winner is now named only when significant: clear the column for
 * reports whose own winner says it was not. The report itself is kept untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const d = db as unknown as Kysely<{ eval_runs: { id: string; winner: string | null; report_json: string } }>;
  const rows = await d.selectFrom('eval_runs').select(['id', 'report_json']).where('winner', 'is not', null).execute();
  for (const row of rows) {
    let significant: unknown;
    try {
      significant = (JSON.parse(row.report_json) as { winner?: { significant?: unknown } }).winner?.significant;
    } catch {
      continue;
    }
    if (significant === false) await d.updateTable('eval_runs').set({ winner: null }).where('id', '=', row.id).execute();
  }
}

export async function down(): Promise<void> {
  // the cleared labels are still in each report's winner field; nothing to restore
}
