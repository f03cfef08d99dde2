/**
 * MQM-style error annotations and their penalty score, shared by the reviewers' quality report and the eval judge so
 * that both speak of errors in the same categories and weigh them the same way.
 *
 * Weights follow WMT's MQM practice (minor 1, major 5, critical 25 per error); the score is the penalty per 1,000
 * source words, so a long article and a short one are comparable. Pure: no I/O.
 */
import { z } from 'zod';

/** Error categories: MQM's top-level dimensions with the subtypes an office reviewer actually uses. */
export const MQM_CATEGORIES = [
  'accuracy/mistranslation',
  'accuracy/omission',
  'accuracy/addition',
  'accuracy/untranslated',
  'terminology',
  'numbers-dates',
  'names-titles',
  'fluency/grammar',
  'fluency/spelling',
  'fluency/punctuation',
  'style',
] as const;
export const MqmCategory = z.enum(MQM_CATEGORIES);
export type MqmCategory = z.infer<typeof MqmCategory>;

export const MQM_SEVERITIES = ['minor', 'major', 'critical'] as const;
export const MqmSeverity = z.enum(MQM_SEVERITIES);
export type MqmSeverity = z.infer<typeof MqmSeverity>;

export const MQM_WEIGHTS: Readonly<Record<MqmSeverity, number>> = { minor: 1, major: 5, critical: 25 };

/** One error a reviewer (or the judge) found in a translation; `span` is optional UTF-16 offsets into the English. */
export const MqmError = z.object({
  category: MqmCategory,
  severity: MqmSeverity,
  note: z.string().max(2000).optional(),
  span: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
});
export type MqmError = z.infer<typeof MqmError>;

/** Words in a source text as MQM normalisation counts them: whitespace-separated tokens holding a letter or digit. */
export function countSourceWords(source: string): number {
  let n = 0;
  for (const token of source.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(token)) n += 1;
  return n;
}

/** Sum of severity weights. */
export function mqmPenalty(errors: readonly Pick<MqmError, 'severity'>[]): number {
  return errors.reduce((sum, e) => sum + MQM_WEIGHTS[e.severity], 0);
}

/**
 * Penalty per 1,000 source words; 0 for an empty source (nothing to translate, nothing to get wrong).
 * @example mqmScorePer1000([{ severity: 'major' }], 250) === 20
 */
export function mqmScorePer1000(errors: readonly Pick<MqmError, 'severity'>[], sourceWords: number): number {
  if (sourceWords <= 0) return 0;
  return (mqmPenalty(errors) * 1000) / sourceWords;
}

/** True when any error is major or critical: the "has a major error" judgement used for agreement figures. */
export function hasMajorError(errors: readonly Pick<MqmError, 'severity'>[]): boolean {
  return errors.some((e) => e.severity !== 'minor');
}
