/** Server health: version and whether a model is configured (translate needs one). */
import { request } from './http.ts';

export interface Health {
  ok: boolean;
  version: string;
  model: { configured: boolean; model: string | null; baseUrlHost: string | null };
}

/** Ask the server how it is. */
export function getHealth(signal?: AbortSignal): Promise<Health> {
  return request<Health>('/api/health', { signal });
}
