/**
 * What translation and brief jobs need, built once per store: the prompts, a model per prompt (its parameters
 * come from the prompt file), the termbase index, an optional QA check, and the job runner.
 * The server, the CLI and tests all build it with `createTranslationRuntime`.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { createChatModel } from '../llm/model.ts';
import { budgetLimits, createProviderBudget, type ProviderBudget } from '../llm/provider-budget.ts';
import { describePrompt, getPrompt, loadPrompts, type Prompt } from '../llm/prompts.ts';
import { runQa } from '../qa/index.ts';
import type { QaIssue } from '../schemas/article.ts';
import type { OpenStore } from '../storage/index.ts';
import type { Store } from '../storage/repositories.ts';
import type { TermIndex } from '../text/terms.ts';
import { runBriefJob } from './brief.ts';
import { JobRunner, type JobsRunner } from './jobs.ts';
import { JobQueue } from './job-queue.ts';
import { JobWorkers } from './job-workers.ts';
import { QueuedJobRunner } from './queued-jobs.ts';
import { terminologyFor } from './terminology.ts';
import { memoryExamples, type ExampleLookup } from './translation-examples.ts';
import { translationMemoryFor } from './translation-memory.ts';
import { runTranslateJob } from './translation.ts';
import { runParamsFor, type RunParams } from './translation-runs.ts';

/** An approved human translation of exactly this source (translation memory), or null. */
export type MemoryLookup = (source: string) => Promise<string | null>;

/** A QA check run on each new machine translation; its issues are stored on the segment. */
export type QaCheck = (input: { source: string; translation: string; terms: TermIndex }) => QaIssue[] | Promise<QaIssue[]>;

export interface TranslationRuntime {
  config: Config;
  store: Store;
  prompts: Map<string, Prompt>;
  /** The active prompt of a kind (WORKBENCH_PROMPT_TRANSLATE / WORKBENCH_PROMPT_BRIEF). */
  activePrompt(kind: 'translate' | 'brief'): Prompt;
  /** A model set up with the prompt's parameters. @throws ERR_MODEL_NOT_CONFIGURED */
  modelFor(prompt: Prompt): BaseChatModel;
  runParams(prompt: Prompt): RunParams;
  termIndex(): Promise<TermIndex>;
  qa?: QaCheck;
  /** Consulted before the model: an exact match is used as is (origin `memory`), with no model call. */
  memory?: MemoryLookup;
  /** Approved translations of similar sentences, sent to the model as examples and part of the call's cache key. */
  examples?: ExampleLookup;
  /** In this process (SQLite), or through the shared queue and worker processes (PostgreSQL). */
  runner: JobsRunner;
  /** The provider's limits (WORKBENCH_CONCURRENCY, WORKBENCH_RPM) around every model call; shared by every process on PostgreSQL. */
  budget?: ProviderBudget;
  /** Stop the jobs' work in this process and let go of the budget (server shutdown). */
  close(): Promise<void>;
  log: { error: (obj: object, msg: string) => void; warn?: (obj: object, msg: string) => void };
}

export interface RuntimeOptions {
  prompts?: Map<string, Prompt>;
  /** Replace the model (tests, evals); defaults to ChatOpenAI from the config. */
  createModel?: (prompt: Prompt) => BaseChatModel;
  /** Defaults to the termbase in the store (seeded with the starter termbase), rebuilt after each change. */
  termIndex?: () => Promise<TermIndex>;
  /** Defaults to `runQa` from qa/; null turns QA off. */
  qa?: QaCheck | null;
  /** Defaults to the translation memory's exact match; null turns it off. */
  memory?: MemoryLookup | null;
  /** Defaults to the translation memory's fuzzy matches above WORKBENCH_TM_THRESHOLD (top 3, exact left out); null turns it off. */
  examples?: ExampleLookup | null;
  log?: TranslationRuntime['log'];
}

/**
 * Build the runtime. Prompt refs in the config are checked now, so a typo stops start-up instead of a job.
 * @example const rt = createTranslationRuntime({ config, store }); await rt.runner.recover();
 */
export function createTranslationRuntime(deps: Pick<Deps, 'config' | 'store'>, opts: RuntimeOptions = {}): TranslationRuntime {
  const { config, store } = deps;
  const prompts = opts.prompts ?? loadPrompts();
  const refs = { translate: config.WORKBENCH_PROMPT_TRANSLATE, brief: config.WORKBENCH_PROMPT_BRIEF };
  for (const ref of Object.values(refs)) getPrompt(prompts, ref);
  const models = new Map<string, BaseChatModel>();

  const rt: TranslationRuntime = {
    config,
    store,
    prompts,
    activePrompt: (kind) => getPrompt(prompts, refs[kind]),
    modelFor(prompt) {
      // Keyed by the provider settings too: an admin's change applies to the next call without a restart.
      const key = [prompt.ref, config.OPENAI_BASE_URL, config.OPENAI_API_KEY, config.WORKBENCH_MODEL, config.WORKBENCH_TIMEOUT_MS].join('\u0000');
      let model = models.get(key);
      if (!model) {
        model = opts.createModel?.(prompt) ?? createChatModel(config, { temperature: prompt.params.temperature, maxTokens: prompt.params.maxTokens, budget: rt.budget });
        models.set(key, model);
      }
      return model;
    },
    runParams: (prompt) => runParamsFor(config, prompt),
    termIndex: opts.termIndex ?? (() => terminologyFor(deps).index()),
    qa: opts.qa === null ? undefined : (opts.qa ?? runQa),
    memory: opts.memory === null ? undefined : (opts.memory ?? ((source) => translationMemoryFor(deps).exact(source))),
    examples: opts.examples === null ? undefined : (opts.examples ?? memoryExamples(translationMemoryFor(deps))),
    runner: undefined as unknown as JobsRunner,
    async close() {
      await rt.runner.shutdown();
      await rt.budget?.close();
    },
    log: opts.log ?? console,
  };
  rt.runner = new JobRunner(store.jobs, { translate: (ctx) => runTranslateJob(rt, ctx), brief: (ctx) => runBriefJob(rt, ctx) }, rt.log);
  return rt;
}

const runtimes = new WeakMap<object, Promise<TranslationRuntime>>();

/**
 * The one runtime of a server's dependencies, built on first use. With SQLite its jobs run in this process, and jobs
 * a previous process left running become `interrupted`. With PostgreSQL they go through the shared queue, and this
 * process works on them too unless WORKBENCH_WORKER=off.
 */
export function runtimeFor(deps: Pick<Deps, 'config' | 'store'>, opts?: RuntimeOptions): Promise<TranslationRuntime> {
  let rt = runtimes.get(deps);
  if (!rt) {
    rt = buildRuntime(deps, opts);
    runtimes.set(deps, rt);
    rt.catch(() => runtimes.delete(deps));
  }
  return rt;
}

async function buildRuntime(deps: Pick<Deps, 'config' | 'store'>, opts?: RuntimeOptions): Promise<TranslationRuntime> {
  const rt = createTranslationRuntime(deps, opts);
  rt.budget = await createProviderBudget({ store: deps.store.location, ...budgetLimits(deps.config) });
  if (deps.store.location.kind === 'postgres') {
    rt.runner = await queuedRunner(rt, deps.store.location.url);
    return rt;
  }
  const interrupted = await rt.runner.recover();
  // A translate job that stopped with the server left its article marked "translating"; nothing runs for it now.
  for (const id of interrupted) {
    const job = await deps.store.jobs.get(id);
    if (job?.kind === 'translate') await deps.store.articles.setStatus(job.article_id, 'imported');
  }
  return rt;
}

/**
 * How long a task stays with a worker that stops renewing its lease (a worker that died): a minute by default. A live
 * worker renews it every third of that, however long its calls take.
 */
export function leaseSeconds(config: Config): number {
  return config.WORKBENCH_JOB_LEASE_SECONDS ?? 60;
}

async function queuedRunner(rt: TranslationRuntime, url: string): Promise<QueuedJobRunner> {
  const { config, store } = rt;
  const lease = leaseSeconds(config);
  const queue = await JobQueue.open({ url, leaseSeconds: lease, maintenanceSeconds: config.WORKBENCH_QUEUE_MAINTENANCE_SECONDS });
  await store.bus.ready();
  const workers = config.WORKBENCH_WORKER === 'on'
    ? new JobWorkers(rt as TranslationRuntime & { store: OpenStore }, queue, config.WORKBENCH_WORKER_CONCURRENCY ?? config.WORKBENCH_CONCURRENCY, lease)
    : undefined;
  const runner = new QueuedJobRunner(store as OpenStore, queue, workers, rt.log);
  workers?.start();
  return runner;
}

/** Every loaded prompt version, by ref, with the active one of each kind marked (GET /api/prompts). */
export function listPrompts(rt: TranslationRuntime) {
  const active = new Set([rt.activePrompt('translate').ref, rt.activePrompt('brief').ref]);
  return [...rt.prompts.values()].sort((a, b) => a.ref.localeCompare(b.ref)).map((p) => describePrompt(p, active.has(p.ref)));
}
