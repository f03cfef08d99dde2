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
  /** draft, approved, or failed (the model's answer did not validate twice; `error` says why). */
  status?: 'draft' | 'approved' | 'failed';
  error?: string | null;
  createdAt?: string;
  restoredFrom?: string | null;
  qaOverride?: string | null;
}

/** One version in the brief's history, newest first; `current` is the one shown and edited. */
export interface BriefVersion {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: 'draft' | 'approved' | 'failed';
  error: string | null;
  restoredFrom: string | null;
  version: number;
  length: string;
  headline: string;
  current: boolean;
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

/** Every version of the brief, newest first. */
export async function listBriefVersions(articleId: string): Promise<BriefVersion[]> {
  return (await request<{ versions: BriefVersion[] }>(`${base(articleId)}/versions`)).versions;
}

export function getBriefVersion(articleId: string, briefId: string): Promise<Brief> {
  return request(`${base(articleId)}/versions/${encodeURIComponent(briefId)}`);
}

/** Make an older version current again, as a new draft. */
export function restoreBriefVersion(articleId: string, briefId: string): Promise<Brief> {
  return request(`${base(articleId)}/versions/${encodeURIComponent(briefId)}/restore`, { method: 'POST' });
}

/**
 * Save an edited brief (and approve it). A stale version throws ApiError 409 ERR_CONFLICT; approving while segments
 * have QA errors throws 409 ERR_QA_GATE_BLOCKED unless `qaOverride` gives a reason.
 */
export async function saveBrief(articleId: string, body: { content: BriefContent; approved: boolean; version: number; qaOverride?: { reason: string } }): Promise<Brief> {
  const res = await request<{ brief: Brief } | Brief>(base(articleId), { method: 'PUT', json: body });
  return 'brief' in res ? res.brief : res;
}
