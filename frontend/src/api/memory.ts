/** The memory page's API: list the translation memory with search and filters, correct or delete a unit. */
import type { TmUnit } from '../../../backend/src/schemas/memory.ts';
import { request } from './http.ts';

export type { TmUnit };

export interface MemoryFilter {
  q?: string;
  articleId?: string;
  author?: string;
  from?: string;
  to?: string;
  kind?: 'paragraph' | 'sentence';
  sentAsExample?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * A page of memory units, newest first, and how many match; the search ignores case and diacritics.
 * @example const { units, total } = await listMemory({ q: 'huu nghi' });
 */
export async function listMemory(f: MemoryFilter = {}, signal?: AbortSignal): Promise<{ units: TmUnit[]; total: number }> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
  return request(`/api/tm/units?${q}`, { signal });
}

export function updateMemoryUnit(id: string, target: string): Promise<TmUnit> {
  return request(`/api/tm/units/${encodeURIComponent(id)}`, { method: 'PATCH', json: { target } });
}

export async function deleteMemoryUnit(id: string): Promise<void> {
  await request(`/api/tm/units/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
