/** Every QA issue code. A segment's `qa` array carries these; the UI may key its labels on them. */
export const QA = {
  NUMBER_MISSING: 'QA_NUMBER_MISSING',
  NUMBER_CHANGED: 'QA_NUMBER_CHANGED',
  NUMBER_INVENTED: 'QA_NUMBER_INVENTED',
  DATE_SWAPPED: 'QA_DATE_SWAPPED',
  NUMBER_FORMAT: 'QA_NUMBER_FORMAT',
  TERM_MISSING: 'QA_TERM_MISSING',
  TERM_FORBIDDEN: 'QA_TERM_FORBIDDEN',
  UNTRANSLATED: 'QA_UNTRANSLATED',
  OMISSION: 'QA_OMISSION',
  INCONSISTENT: 'QA_INCONSISTENT',
} as const;

export type QaCode = (typeof QA)[keyof typeof QA];
