/**
 * sacreBLEU takes references as streams (`refs[k][i]` is the k-th reference of segment i); the scorers work per
 * segment. This turns streams into per-segment lists and rejects mismatched lengths instead of silently truncating.
 */
export function referencesBySegment(hypotheses: string[], streams: string[][]): string[][] {
  if (streams.length === 0) throw new Error('No reference streams given');
  for (const [k, stream] of streams.entries()) {
    if (stream.length !== hypotheses.length) {
      throw new Error(`Reference stream ${k} has ${stream.length} lines but there are ${hypotheses.length} hypotheses`);
    }
  }
  return hypotheses.map((_, i) => streams.map((s) => s[i]!));
}
