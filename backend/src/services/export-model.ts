/**
 * What the exporters read: the article and, for the brief, its content. Shared by the Markdown and .docx renderers.
 * Imports only types.
 */
import type { Article, Segment } from '../schemas/article.ts';

export interface ExportBrief {
  approved: boolean;
  version: number;
  content: {
    headline: string;
    summary: string;
    keyPoints: Array<{ text: string; segmentIds: string[] }>;
    people: Array<{ name: string; role?: string | null }>;
    organisations: string[];
    places: string[];
    figures: Array<{ value: string | number; unit?: string | null; measure: string; segmentId?: string | null }>;
  };
}

export type ExportKind = 'translation' | 'brief' | 'bilingual';
export type ExportFormat = 'md' | 'docx';

/** The English text of a segment for export: the edit, else the machine translation, else null. */
export function englishOf(s: Segment): string | null {
  const t = s.translation ?? s.machineTranslation;
  return t && t.trim() ? t.trim() : null;
}

/** Marker for a segment with no English yet, so a reader sees the gap instead of silently missing text. */
export const UNTRANSLATED = '[not translated]';

/** The English title: the translated title segment, else the article title. */
export function englishTitle(article: Article): string {
  const title = article.segments.find((s) => s.kind === 'title');
  return (title && englishOf(title)) ?? article.title;
}

/** Body segments in order, without the title segment (it becomes the document title). */
export function bodySegments(article: Article): Segment[] {
  const sorted = [...article.segments].sort((a, b) => a.index - b.index);
  const titleIdx = sorted.findIndex((s) => s.kind === 'title');
  return titleIdx === 0 ? sorted.slice(1) : sorted;
}

/** "1.2 million USD"-style figure text. */
export function figureText(f: ExportBrief['content']['figures'][number]): string {
  return `${f.value}${f.unit ? ` ${f.unit}` : ''}`;
}

/** 1-based segment numbers a key point rests on, e.g. "(segments 3, 5)". */
export function sourceRefs(article: Article, ids: string[]): string {
  const n = ids.map((id) => article.segments.find((s) => s.id === id)).filter((s): s is Segment => !!s).map((s) => s.index + 1);
  return n.length ? `(segment${n.length > 1 ? 's' : ''} ${n.join(', ')})` : '';
}
