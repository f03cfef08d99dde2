/**
 * Translate a document from the command line with the same services as the server (no server needed):
 *
 *   npm run translate -- article.txt|.html|.docx [--brief] [--length short|standard|detailed] [--out file.md]
 *
 * Prints Markdown (the English translation, then the brief) to stdout or --out, and a progress bar on stderr.
 * Results are stored in DATA_DIR like the server's, so a second run of the same text is served from the cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { isCodedError } from '../errors.ts';
import type { JobEvent } from '../schemas/job.ts';
import { createArticle, getArticle } from '../services/articles.ts';
import { getLatestBrief, startBrief } from '../services/brief.ts';
import { briefMarkdown, translationMarkdown } from '../services/export-markdown.ts';
import { startTranslation } from '../services/translation.ts';
import { createTranslationRuntime, type TranslationRuntime } from '../services/translation-runtime.ts';

const USAGE = 'Usage: npm run translate -- <file.txt|.html|.docx> [--brief] [--length short|standard|detailed] [--out file.md]';

/** A one-line progress bar, redrawn in place on a terminal and printed per 10% otherwise. */
export function progressBar(done: number, failed: number, total: number, width = 30): string {
  const ratio = total ? (done + failed) / total : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done + failed}/${total}${failed ? ` (${failed} failed)` : ''}`;
}

async function runJob(rt: TranslationRuntime, jobId: string, label: string): Promise<string> {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  const unsubscribe = rt.runner.subscribe(jobId, (e: JobEvent) => {
    if (e.type !== 'progress' && e.type !== 'done') return;
    const { done, failed, total } = e.job;
    const tenth = total ? Math.floor(((done + failed) / total) * 10) : 10;
    if (tty) process.stderr.write(`\r${label} ${progressBar(done, failed, total)}`);
    else if (tenth !== lastTenth) process.stderr.write(`${label} ${progressBar(done, failed, total)}\n`);
    lastTenth = tenth;
  });
  await rt.runner.idle();
  unsubscribe();
  const job = await rt.runner.get(jobId);
  process.stderr.write(`${tty ? '\n' : ''}${label} ${job.status}${job.error ? `: ${job.error}` : ''}\n`);
  return job.status;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { brief: { type: 'boolean', default: false }, out: { type: 'string' }, length: { type: 'string', default: 'standard' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const length = values.length as 'short' | 'standard' | 'detailed';
  if (!['short', 'standard', 'detailed'].includes(length)) {
    process.stderr.write(`--length must be short, standard or detailed (got ${length})\n`);
    return 2;
  }
  const config = loadConfig();
  if (!config.modelConfigured) {
    process.stderr.write(
      'No model is configured. Set OPENAI_API_KEY (for OpenAI), or OPENAI_BASE_URL for a local OpenAI-compatible server\n' +
        '(e.g. OPENAI_BASE_URL=http://127.0.0.1:11434/v1 for Ollama), and WORKBENCH_MODEL, then run again.\n',
    );
    return 3;
  }
  const file = positionals[0]!;
  if (!fs.existsSync(file)) {
    process.stderr.write(`No such file: ${file}\n`);
    return 2;
  }
  const deps = await createDeps(config);
  try {
    const rt = createTranslationRuntime(deps, { log: { error: (obj, msg) => process.stderr.write(`${msg}\n`) } });
    const article = await createArticle(deps, { file: { name: path.basename(file), data: fs.readFileSync(file) } });
    process.stderr.write(`${article.title}: ${article.segments.length} segments, model ${config.WORKBENCH_MODEL}\n`);
    const status = await runJob(rt, (await startTranslation(rt, article.id)).id, 'translate');
    const meta = { exportedAt: new Date().toISOString(), final: false };
    let markdown = translationMarkdown(await getArticle(deps, article.id), null, meta);
    let briefStatus = 'done';
    if (values.brief) {
      briefStatus = await runJob(rt, (await startBrief(rt, article.id, { length })).id, 'brief');
      if (briefStatus === 'done') markdown += `\n${briefMarkdown(await getArticle(deps, article.id), await getLatestBrief(rt, article.id), meta)}`;
    }
    if (values.out) {
      fs.writeFileSync(values.out, markdown);
      process.stderr.write(`wrote ${values.out}\n`);
    } else {
      process.stdout.write(markdown);
    }
    return status === 'done' && briefStatus === 'done' ? 0 : 1;
  } finally {
    await closeDeps(deps);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`${isCodedError(err) ? `${err.code}: ` : ''}${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
