/**
 * Columns migration 0007 adds to tables declared elsewhere (edit history, translation memory, briefs), merged into
 * their interfaces so every query sees them.
 */
import type { Generated } from 'kysely';
import './terminology-types.ts';

declare module './types.ts' {
  interface SegmentEditsTable {
    /** The reason given for approving (or confirming) over a QA error; null for an ordinary edit. */
    qa_override: string | null;
  }
  interface BriefsTable {
    /** Why the model's answer was not accepted (failed validation twice); null for a usable brief. */
    error: string | null;
    /** The version this one was restored from. */
    restored_from: string | null;
    /** The reason the brief was approved while segments of the article still had QA errors. */
    qa_override: string | null;
  }
}

declare module './terminology-types.ts' {
  interface TmUnitsTable {
    /** 'passed' | 'override' | 'failed' | 'unchecked': only passed or overridden units are examples for the model. */
    qa_status: Generated<string>;
    qa_override: string | null;
    /** How many times the unit was sent to the model as an example, and when last. */
    example_count: Generated<number>;
    last_example_at: string | null;
    /** 'paragraph' or 'sentence' (a sentence pair of the approved paragraph `parent_id`). */
    unit_kind: Generated<string>;
    parent_id: string | null;
  }
}

export {};
