/** The shapes of eval dataset lines: the server's own (it validates uploaded datasets with them). */
export { BriefItemSchema, TranslationItemSchema, type BriefItem, type DatasetKind, type TranslationItem } from '../../../backend/src/schemas/eval-dataset.ts';
