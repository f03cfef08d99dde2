/**
 * Brief evaluation: each article through the product's brief chain for every prompt x model x repeat, scored on
 * what can be checked without a reference in the same language: the brief validates against its schema, its
 * figures are in the source (the product's QA number check), and its key points cite segments that exist.
 */
import { checkNumbers } from '../../../backend/src/qa/numbers.ts';
import { sentenceSpans } from '../../../backend/src/text/sentences.ts';
import type { BriefItem } from '../datasets/schema.ts';
import { cacheKey, type RunCache } from './cache.ts';
import { mapPool } from './pool.ts';
import type { Progress } from './run-translation.ts';
import type { Fingerprint, RunSpec } from './types.ts';

export interface BriefSegmentInput {
  id: string;
  source: string;
}

/** What a brief chain returns, reduced to what is scored. */
export interface BriefOutput {
  headline: string;
  summary: string;
  keyPoints: { text: string; segmentIds: string[] }[];
  figures: { value: string; unit: string; measure: string; segmentId: string }[];
}

export interface BriefWriter {
  fingerprint(promptRef: string, model: string): Fingerprint;
  /** @throws an error with code ERR_MODEL_OUTPUT_INVALID when the brief does not validate */
  write(title: string, segments: BriefSegmentInput[], promptRef: string, model: string): Promise<{ brief: BriefOutput; tokensIn: number; tokensOut: number; latencyMs: number }>;
}

export interface BriefScores {
  schemaValid: boolean;
  figures: number;
  /** Figures whose value the QA number check finds in the segment they cite. */
  figuresPreserved: number;
  /** Numbers in the headline, summary and key points that are not in the article. */
  inventedNumbers: number;
  keyPoints: number;
  /** Key points whose every cited segment exists. */
  keyPointsReal: number;
}

export interface BriefItemResult {
  id: string;
  repeat: number;
  title?: string;
  source: string;
  reference?: string;
  brief: BriefOutput | null;
  scores: BriefScores | null;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  cached: boolean;
  error?: { code: string; message: string };
}

export interface BriefRun extends RunSpec {
  fingerprint: Fingerprint;
  items: BriefItemResult[];
}

/** The article cut into sentence segments s1..sN, as the brief prompt labels them. */
export function articleSegments(article: string): BriefSegmentInput[] {
  return sentenceSpans(article)
    .map((s) => article.slice(s.start, s.end).trim())
    .filter((s) => s !== '')
    .map((source, i) => ({ id: `s${i + 1}`, source }));
}

/** Score a validated brief against its article. */
export function scoreBrief(brief: BriefOutput, segments: BriefSegmentInput[]): BriefScores {
  const byId = new Map(segments.map((s) => [s.id, s.source]));
  const article = segments.map((s) => s.source).join(' ');
  const figuresPreserved = brief.figures.filter((f) => {
    const src = byId.get(f.segmentId);
    // the figure must be a number of the segment it cites: no "invented" or "changed" number against that segment
    return src !== undefined && checkNumbers(src, `${f.value} ${f.unit}`).every((i) => !/INVENTED|CHANGED/.test(i.code));
  }).length;
  const prose = [brief.headline, brief.summary, ...brief.keyPoints.map((k) => k.text)].join('\n');
  const inventedNumbers = checkNumbers(article, prose).filter((i) => /INVENTED/.test(i.code)).length;
  return {
    schemaValid: true,
    figures: brief.figures.length,
    figuresPreserved,
    inventedNumbers,
    keyPoints: brief.keyPoints.length,
    keyPointsReal: brief.keyPoints.filter((k) => k.segmentIds.length > 0 && k.segmentIds.every((id) => byId.has(id))).length,
  };
}

function errorOf(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : 'ERR_EVAL_ITEM_FAILED', message: String(e?.message ?? err).slice(0, 500) };
}

/** Run every brief configuration over the dataset; failures are recorded per item. */
export async function runBriefGrid(
  dataset: BriefItem[],
  opts: { prompts: string[]; models: string[]; repeat: number; concurrency: number; writer: BriefWriter; cache: RunCache; onProgress?: (p: Progress) => void },
): Promise<BriefRun[]> {
  const specs: RunSpec[] = [];
  for (const prompt of opts.prompts) for (const model of opts.models) for (let r = 0; r < opts.repeat; r++) specs.push({ prompt, model, repeat: r });
  const fps = specs.map((s) => opts.writer.fingerprint(s.prompt, s.model));
  const segs = dataset.map((d) => articleSegments(d.article));
  const tasks = specs.flatMap((spec, s) => dataset.map((item, i) => ({ s, spec, item, segments: segs[i]! })));
  const progress: Progress = { done: 0, total: tasks.length, failed: 0, cached: 0 };

  const results = await mapPool(tasks, opts.concurrency, async ({ s, spec, item, segments }): Promise<BriefItemResult> => {
    const base = { id: item.id, repeat: spec.repeat, title: item.title, source: item.article, reference: item.summary_ref };
    const key = cacheKey(fps[s]!, { id: item.id, vi: item.article, title: item.title }, spec.repeat);
    let result: BriefItemResult;
    try {
      const hit = opts.cache.get(key);
      let brief: BriefOutput;
      let usage = { tokensIn: 0, tokensOut: 0, latencyMs: 0 };
      if (hit) {
        brief = JSON.parse(hit.text) as BriefOutput;
        usage = { tokensIn: hit.tokensIn, tokensOut: hit.tokensOut, latencyMs: hit.latencyMs };
      } else {
        const out = await opts.writer.write(item.title ?? '', segments, spec.prompt, spec.model);
        brief = out.brief;
        usage = { tokensIn: out.tokensIn, tokensOut: out.tokensOut, latencyMs: out.latencyMs };
        await opts.cache.set(key, { text: JSON.stringify(brief), ...usage, cached: false });
      }
      result = { ...base, brief, scores: scoreBrief(brief, segments), ...usage, cached: Boolean(hit) };
    } catch (err) {
      progress.failed++;
      const error = errorOf(err);
      // a brief that never validated is a scored outcome (schema invalid), not only a failure
      const scores = error.code === 'ERR_MODEL_OUTPUT_INVALID' ? { schemaValid: false, figures: 0, figuresPreserved: 0, inventedNumbers: 0, keyPoints: 0, keyPointsReal: 0 } : null;
      result = { ...base, brief: null, scores, tokensIn: 0, tokensOut: 0, latencyMs: 0, cached: false, error };
    }
    progress.done++;
    if (result.cached) progress.cached++;
    opts.onProgress?.({ ...progress });
    return result;
  });

  return specs.map((spec, s) => ({ ...spec, fingerprint: fps[s]!, items: results.slice(s * dataset.length, (s + 1) * dataset.length) }));
}
