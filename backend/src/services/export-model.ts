/**
 * What the exporters read: the article and, for the brief, its content. Shared by the Markdown and .docx renderers.
 * Imports only types.
 */
import type { Article, Segment } from '../schemas/article.ts';

export interface ExportBrief {
  approved: boolean;
  /** A failed brief version has no content to export. */
  failed?: boolean;
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

/** Said instead of a title when nothing English can stand for it: an English export never shows the Vietnamese one. */
export const NO_ENGLISH_TITLE = 'Untitled (the title is not translated yet)';

/**
 * The English title: the translated title segment, else the brief's headline, else the first sentence of the
 * translated lead; never the Vietnamese title.
 */
export function englishTitle(article: Article, brief?: Pick<ExportBrief, 'content'> | null): string {
  const title = article.segments.find((s) => s.kind === 'title');
  const fromTitle = title && englishOf(title);
  if (fromTitle) return fromTitle;
  if (brief?.content.headline.trim()) return brief.content.headline.trim();
  const lead = article.segments.find((s) => s.kind === 'lead');
  const fromLead = lead && englishOf(lead);
  return fromLead ? (/^.+?[.!?](?=\s|$)/u.exec(fromLead)?.[0] ?? fromLead) : NO_ENGLISH_TITLE;
}

/** Marks English that is still the machine's draft, nobody having reviewed it. */
export const MT_MARK = '[machine translation, not reviewed]';

/** A machine draft nobody has edited or approved: its English is marked in draft exports and refused in final ones. */
export function isMachineDraft(s: Segment): boolean {
  return s.status === 'translated' && englishOf(s) !== null;
}

/** Statuses whose English a person stands behind. */
export const REVIEWED: ReadonlySet<string> = new Set(['approved', 'confirmed']);

/** When and how an export was made, for its header or footer line. */
export interface ExportMeta {
  exportedAt: string;
  /** An export as final: every segment reviewed (the service refuses otherwise). */
  final: boolean;
  /** The reason a final export went out while QA errors remained. */
  qaOverride?: string | null;
  /** Who approved a final export and who took it out: printed with the status, so the file itself says so. */
  signOff?: SignOff | null;
}

export interface SignOff {
  approvers: string[];
  signedBy: string;
}

/** "Final" or "Draft: 3 of 5 segments approved"; with the QA override reason when there is one. */
export function exportStatus(article: Article, meta: ExportMeta): string {
  const done = article.segments.filter((s) => REVIEWED.has(s.status)).length;
  const base = meta.final ? 'Final' : `Draft: ${done} of ${article.segments.length} segments approved`;
  const status = meta.qaOverride ? `${base} (QA override: ${meta.qaOverride})` : base;
  return meta.signOff ? `${status} · Approved for release by ${meta.signOff.approvers.join(', ') || meta.signOff.signedBy}; exported by ${meta.signOff.signedBy}.` : status;
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
