/**
 * "Has memory match" for a 1,000-segment article: GET /api/articles/:id/tm-matches against a memory of 1,000
 * approved paragraphs (and their sentence pairs) that resemble the article, so most segments have candidates of a
 * length within the threshold and the edit distance runs for many of them: a worst case, not a typical one.
 * Run: node --import tsx backend/bench/tm-matches.bench.ts   (target: under 1 s per request)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { closeDeps, createDeps } from '../src/deps.ts';
import { translationMemoryFor } from '../src/services/translation-memory.ts';
import { seedEditedArticle } from '../test/helpers/seed-article.ts';
import { benchEditedArticle } from './fixtures.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-tm-'));
const deps = await createDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { filename: path.join(dataDir, 'bench.db') });
const app = await buildApp(deps, { logger: false, frontendDist: path.join(dataDir, 'none') });
try {
  const { sources, translations } = benchEditedArticle(2000);
  // The fixture's paragraphs repeat; a numbered line makes every one distinct, so no match is exact by accident.
  const numbered = sources.map((s, i) => `${s} Mục ${i + 1}.`);
  const { articleId } = await seedEditedArticle(deps, 'Memory matches', numbered.slice(0, 1000), translations.slice(0, 1000));
  const tm = translationMemoryFor(deps);
  // Half the memory is the article with one figure changed (fuzzy, penalised), half is other paragraphs.
  for (let i = 0; i < 1000; i++) {
    const source = i % 2 === 0 ? `${numbered[i]} Có ${i + 2} đoàn.` : numbered[1000 + i]!;
    await tm.recordApproved({ source, translation: `${translations[i]} There were ${i + 2} delegations.`, editor: 'bench' });
  }
  const units = (await deps.store.db.selectFrom('tm_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const runs: number[] = [];
  const cpu: number[] = [];
  let matched = 0;
  let exact = 0;
  for (let r = 0; r < 6; r++) {
    const c = process.cpuUsage();
    const s = performance.now();
    const res = await app.inject({ url: `/api/articles/${articleId}/tm-matches` });
    runs.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (res.statusCode !== 200) throw new Error(`tm-matches answered ${res.statusCode}: ${res.body}`);
    const scores = Object.values(res.json().scores as Record<string, number>);
    matched = scores.length;
    exact = scores.filter((x) => x === 1).length;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`1000 segments against ${units} memory units: ${matched} segments with a match (${exact} exact, ${matched - exact} fuzzy)`);
  console.log(`first request ${runs[0]!.toFixed(0)} ms; median of the next 5: ${median(runs.slice(1)).toFixed(0)} ms wall, ${median(cpu.slice(1)).toFixed(0)} ms CPU (target: under 1000 ms)`);
  if (median(runs.slice(1)) > 1000) process.exitCode = 1;
} finally {
  await app.close();
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
