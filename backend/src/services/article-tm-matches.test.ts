import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TmUnitRow } from '../storage/terminology-types.ts';
import { matchKey } from '../text/normalise.ts';
import { sentenceSpans } from '../text/sentences.ts';
import { bestScores } from './article-tm-matches.ts';
import { numberChanges, penalisedScore, similarity } from './translation-memory.ts';

const sample = readFileSync(new URL('../../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8');
const sentences = sample.split('\n').flatMap((p) => sentenceSpans(p).map((s) => p.slice(s.start, s.end))).filter((s) => s.length > 20);

const unit = (id: string, source: string, segmentId: string | null = null) => ({ id, source, source_key: matchKey(source), segment_id: segmentId }) as TmUnitRow;

/** The score every candidate would get from a lookup, the best kept: what the pruned scan must reproduce. */
function bruteForce(items: { id: string; source: string }[], units: TmUnitRow[], threshold: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const key = matchKey(item.source);
    let best = 0;
    for (const u of units) {
      if (u.segment_id === item.id) continue;
      const raw = u.source_key === key ? 1 : similarity(key, u.source_key);
      if (raw < threshold) continue;
      best = Math.max(best, raw === 1 ? 1 : penalisedScore(raw, numberChanges(u.source, item.source).length));
    }
    if (best >= threshold) out[item.id] = Math.round(best * 1000) / 1000;
  }
  return out;
}

describe('bestScores', () => {
  it('gives the same scores as scoring every memory unit, on paragraphs of the sample article', () => {
    // Paragraphs of two or three sample sentences; the memory holds variants: a figure changed, a sentence dropped,
    // words swapped, and unrelated paragraphs.
    const para = (i: number, k: number) => Array.from({ length: k }, (_, j) => sentences[(i * 5 + j * 3) % sentences.length]).join(' ');
    const items = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, source: para(i, 2 + (i % 2)) }));
    const units = items.flatMap((it, i) => [
      unit(`a${i}`, it.source.replace(/\d+/, (d) => String(Number(d) + 1))),
      unit(`b${i}`, `${it.source} Có ${i} đoàn.`),
      unit(`c${i}`, it.source.split(' ').slice(0, -(1 + (i % 9))).join(' ')),
      unit(`f${i}`, it.source.replace(/[.]/g, (m, at: number) => (at % 3 ? ', và' : m)).replace(/(\p{L}+) (\p{L}+)/u, '$2 $1')),
      unit(`d${i}`, para(i + 17, 2)),
      ...(i % 7 === 0 ? [unit(`e${i}`, it.source, it.id)] : []),
    ]);
    const want = bruteForce(items, units, 0.75);
    expect(Object.keys(want).length).toBeGreaterThan(30);
    expect(new Set(Object.values(want)).size).toBeGreaterThan(5);
    expect(bestScores(items, units, 0.75)).toEqual(want);
    expect(bestScores(items, units, 0.9)).toEqual(bruteForce(items, units, 0.9));
  });
});
