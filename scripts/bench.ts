/**
 * `npm run bench [-- name...]`: every benchmark, each in its own process so one's warm-up and memory do not colour the
 * next; they print their figures. Names: translate, intake, terms, qa, tm, load, eval, editor, budget and workers (these
 * two need PostgreSQL: TEST_DATABASE_URL). Exits 1 when a translate or load target is missed
 * or a benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHES: Record<string, string> = {
  translate: 'backend/bench/translate.bench.ts',
  intake: 'backend/bench/intake.bench.ts',
  terms: 'backend/bench/terms.bench.ts',
  qa: 'backend/bench/qa.bench.ts',
  tm: 'backend/bench/tm-matches.bench.ts',
  load: 'backend/bench/load.bench.ts',
  eval: 'evals/bench/eval.bench.ts',
  editor: 'frontend/bench/editor.bench.ts',
  budget: 'backend/bench/provider-budget.bench.ts',
  workers: 'backend/bench/workers.bench.ts',
};

const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of asked.length ? asked : Object.keys(BENCHES)) {
  console.log(`\n== ${name} (${BENCHES[name]})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', BENCHES[name]!], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
