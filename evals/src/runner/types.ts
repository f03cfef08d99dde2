/**
 * The runner's contracts. The runner only knows these interfaces; `product-translator.ts` implements them with the
 * workbench's own prompt loader and model factory, and tests implement them with the scripted model server.
 */
import type { MqmError } from '../../../backend/src/qa/mqm.ts';
import type { TranslationItem } from '../datasets/schema.ts';

/** One segment to translate, with the document context the product's chain receives. */
export interface TranslateInput {
  id: string;
  vi: string;
  /** The previous segment of the same document, when there is one. */
  previous?: string;
  title?: string;
}

export interface TranslateResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  /** True when no model call was made for this result. */
  cached: boolean;
}

/** What makes two calls interchangeable: the prompt's content hash, the model and its parameters. */
export interface Fingerprint {
  promptHash: string;
  model: string;
  params: Record<string, unknown>;
}

/** One call of a grid: an input under a prompt, a model and a repeat index. */
export interface TranslateCall {
  input: TranslateInput;
  prompt: string;
  model: string;
  repeat: number;
}

export interface Translator {
  /** @throws when the prompt ref does not exist, so a typo fails before any call. */
  fingerprint(promptRef: string, model: string): Fingerprint;
  /** `repeat` > 0 asks for another sample of the same call (a different cache entry). */
  translate(input: TranslateInput, promptRef: string, model: string, repeat?: number): Promise<TranslateResult>;
  /**
   * The calls that come next, in order: the translator may prepare them (their cache keys, one lookup for all) while
   * earlier calls are in flight, and translate() of such a call then uses what was prepared. Never rejects: a
   * failure here surfaces again in that translate().
   */
  expect?(calls: TranslateCall[]): void;
  /** Start loading what the first call needs, without waiting (a cold run overlaps it with reading the dataset). */
  prepare?(): void;
  /** Write whatever the translator still holds (calls recorded in batches). */
  flush?(): Promise<void>;
}

/** One QA finding, as backend/src/qa reports it. */
export interface QaIssue {
  code: string;
  severity: string;
  message?: string;
}

/** QA of one translated segment. */
export type QaCheck = (source: string, translation: string) => QaIssue[];

export interface ItemScores {
  /** Sentence chrF++ against the reference. */
  chrfpp?: number;
  /** Sentence BLEU (effective order, exp smoothing). */
  bleu?: number;
  /** Hypothesis / reference length in code points. */
  lengthRatio?: number;
  /** Hypothesis / source length in code points. */
  sourceRatio?: number;
}

export interface ItemResult {
  id: string;
  repeat: number;
  source: string;
  reference?: string;
  hypothesis: string;
  scores: ItemScores;
  /** Issue counts by QA code, e.g. `{ numbers: 1 }`. */
  qa: Record<string, number>;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd?: number;
  cached: boolean;
  /** The MQM judge's errors and penalty per 1,000 source words (with --judge), or why it could not judge. */
  judge?: ItemJudgement;
  /** Why the item has no answer; `rawAnswer` is the model's last rejected reply, when there was one. */
  error?: ItemError;
}

export type ItemJudgement = { errors: MqmError[]; score: number; major: boolean; cached?: boolean } | { error: string };

export interface ItemError {
  code: string;
  message: string;
  rawAnswer?: string;
}

export interface RunSpec {
  prompt: string;
  model: string;
  repeat: number;
}

export type DatasetItem = TranslationItem;
