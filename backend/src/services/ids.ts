import { randomBytes } from 'node:crypto';

/** A short random id with a readable prefix, e.g. `art_k3x9q2m7bd`. */
export function newId(prefix: string): string {
  const n = randomBytes(8).readBigUInt64BE() % 36n ** 10n;
  return `${prefix}_${n.toString(36).padStart(10, '0')}`;
}

/** Segment ids derive from the article id and position, so they stay stable across exports and re-imports. */
export function segmentId(articleId: string, index: number): string {
  return `${articleId}-${String(index).padStart(3, '0')}`;
}
