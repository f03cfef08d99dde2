/** The English brief of an article: generate, read, edit and approve. */
import { request } from './http.ts';

export type BriefLength = 'short' | 'standard' | 'detailed';

export interface BriefContent {
  headline: string;
  summary: string;
  keyPoints: Array<{ text: string; segmentIds: string[] }>;
  people: Array<{ name: string; role: string }>;
  organisations: string[];
  places: string[];
  figures: Array<{ value: string | number; unit?: string | null; measure: string; segmentId?: string | null }>;
  length?: string;
}

export interface Brief {
  id: string;
  version: number;
  approved: boolean;
  content: BriefContent;
}

const base = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}/brief`;

/** Start generating a brief; resolves to the job id to follow. */
export async function generateBrief(articleId: string, length: BriefLength): Promise<string> {
  const res = await request<{ jobId: string }>(base(articleId), { method: 'POST', json: { length } });
  return res.jobId;
}

/** The current brief, or null when none was generated yet (404). */
export async function getBrief(articleId: string, signal?: AbortSignal): Promise<Brief | null> {
  try {
    const res = await request<{ brief: Brief | null } | Brief>(base(articleId), { signal });
    return 'brief' in res ? res.brief : res;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** Save an edited brief (and approve it). A stale version throws ApiError 409. */
export async function saveBrief(articleId: string, body: { content: BriefContent; approved: boolean; version: number }): Promise<Brief> {
  const res = await request<{ brief: Brief } | Brief>(base(articleId), { method: 'PUT', json: body });
  return 'brief' in res ? res.brief : res;
}
