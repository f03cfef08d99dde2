/**
 * The paragraph every intake step passes on: text plus the layout hints its source gave. Pure types.
 */
import type { SegmentKind } from '../schemas/article.ts';

/** One paragraph of an incoming document, already normalised to a single line. */
export interface Paragraph {
  text: string;
  /** A kind the source stated (HTML heading or figcaption, a Word heading style); segmentation keeps it. */
  kind?: SegmentKind;
  /** The paragraph follows a visual gap (an image placeholder or several blank lines) in plain text. */
  afterGap?: boolean;
  /** Index of this paragraph among all the blocks of the original document, when that differs from its index. */
  position?: number;
}
