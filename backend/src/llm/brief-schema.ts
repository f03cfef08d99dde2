/**
 * The structured brief: what the model must return and the checks it must pass against the article.
 * Imports nothing from the project but zod.
 */
import { z } from 'zod';

export const BriefLength = z.enum(['short', 'standard', 'detailed']);
export type BriefLength = z.infer<typeof BriefLength>;

/** Target summary length in words for each preset. */
export const BRIEF_LENGTH_WORDS: Record<BriefLength, number> = { short: 60, standard: 150, detailed: 300 };

/**
 * What the model fills in. Kept free of min/max keywords, which strict json_schema providers refuse;
 * `checkBrief` enforces the counts and references afterwards.
 */
export const BriefDraft = z.object({
  headline: z.string().describe('One line, at most 15 words'),
  summary: z.string().describe('Formal English summary of the requested length'),
  keyPoints: z
    .array(z.object({ text: z.string(), segmentIds: z.array(z.string()).describe('Ids like "s3" of the segments this point rests on') }))
    .describe('3 to 7 key points'),
  people: z.array(z.object({ name: z.string(), role: z.string().describe('Title or role in English') })),
  organisations: z.array(z.string()),
  places: z.array(z.string()),
  figures: z.array(
    z.object({
      value: z.string().describe('As written in English, e.g. "1,500" or "790.84"'),
      unit: z.string(),
      measure: z.string().describe('What the number measures'),
      segmentId: z.string(),
    }),
  ),
});
export type BriefDraft = z.infer<typeof BriefDraft>;

/** The stored brief: as the draft, with segment labels replaced by real segment ids. */
export const BriefContent = BriefDraft.extend({
  keyPoints: z.array(z.object({ text: z.string().min(1), segmentIds: z.array(z.string()).min(1) })).min(3).max(7),
  length: BriefLength,
});
export type BriefContent = z.infer<typeof BriefContent>;

/**
 * Problems a person (or the model, in a repair) can act on; empty when the draft is usable.
 * @param labels the segment labels that exist in the article (s1..sN)
 */
export function checkBrief(draft: BriefDraft, labels: ReadonlySet<string>): string[] {
  const issues: string[] = [];
  if (!draft.headline.trim()) issues.push('headline is empty');
  if (!draft.summary.trim()) issues.push('summary is empty');
  const n = draft.keyPoints.length;
  if (n < 3 || n > 7) issues.push(`keyPoints has ${n} items; give 3 to 7`);
  draft.keyPoints.forEach((p, i) => {
    if (!p.text.trim()) issues.push(`keyPoints[${i}].text is empty`);
    if (p.segmentIds.length === 0) issues.push(`keyPoints[${i}] names no segment`);
    for (const id of p.segmentIds) if (!labels.has(id)) issues.push(`keyPoints[${i}] names segment "${id}", which does not exist`);
  });
  draft.figures.forEach((f, i) => {
    if (!labels.has(f.segmentId)) issues.push(`figures[${i}] names segment "${f.segmentId}", which does not exist`);
  });
  return issues;
}

/**
 * A summary far from its preset length ("about 60 words"), or null. Worth one repair, but not worth failing a brief
 * that is otherwise right: the editor can trim it.
 * @example summaryLengthIssue('One two three.', 'short') // 'summary has 3 words; write about 60'
 */
export function summaryLengthIssue(summary: string, length: BriefLength): string | null {
  const target = BRIEF_LENGTH_WORDS[length];
  const words = summary.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%-]*/gu)?.length ?? 0;
  return words < target * 0.4 || words > target * 2 ? `summary has ${words} words; write about ${target}` : null;
}
