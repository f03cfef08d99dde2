/** Markdown exports: the English translation, the brief, and a bilingual table. Pure. */
import type { Article } from '../schemas/article.ts';
import { bodySegments, englishOf, englishTitle, exportStatus, figureText, isMachineDraft, MT_MARK, sourceRefs, UNTRANSLATED, type ExportBrief, type ExportMeta } from './export-model.ts';

/** The closing line of every Markdown export: the Vietnamese source, when, and how reviewed. */
function footer(article: Article, meta: ExportMeta): string[] {
  return ['---', '', `*Source (Vietnamese): ${mdEscape(article.title)} · Exported ${meta.exportedAt.slice(0, 10)} · ${mdEscape(exportStatus(article, meta))}*`, ''];
}

/**
 * Escape article text so CommonMark, GitHub Markdown and pandoc all render it as the same text. Every ASCII
 * punctuation mark may be backslash-escaped in all three, so the escapes are safe everywhere:
 * - inline syntax: `\\ ` * _ [ ] < > | #`, strikethrough and pandoc subscript `~`, pandoc superscript `^`, pandoc
 *   math `$`, pandoc citations `@`, pandoc attributes and spans `{ }`;
 * - an entity-like `&copy;` or `&#236;` (it would render as the character);
 * - `--` and `...` (pandoc's smart punctuation makes them a dash and an ellipsis);
 * - at a paragraph start: "1. " / "1) " (ordered list), "- " / "+ " (bullet list), ": " (pandoc definition), and
 *   leading spaces (four make a code block).
 * Line breaks become spaces: a segment is one paragraph or table cell. Pandoc's smart typography (curly quotes, a
 * no-break space after "p." or "Mr.") is left alone: it changes how text looks, not what it says.
 */
export function mdEscape(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|#~^$@{}])/g, '\\$1')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/-(?=-)/g, '-\\')
    .replace(/(?<=\.)\./g, '\\.')
    .replace(/\r?\n/g, ' ')
    .replace(/^\s+/, '')
    .replace(/^(\d+)([.)]) /, '$1\\$2 ')
    .replace(/^([-+:]) /, '\\$1 ');
}

/**
 * The English translation as Markdown: title, then one paragraph per segment (headings as `##`, captions and bylines
 * in italics). A machine draft nobody reviewed is marked; the source, date and status close the file.
 */
export function translationMarkdown(article: Article, brief: ExportBrief | null, meta: ExportMeta): string {
  const lines = [`# ${mdEscape(englishTitle(article, brief))}`, ''];
  for (const s of bodySegments(article)) {
    const en = englishOf(s);
    const text = en ? `${isMachineDraft(s) ? `${mdEscape(MT_MARK)} ` : ''}${mdEscape(en)}` : UNTRANSLATED;
    if (s.kind === 'heading') lines.push(`## ${text}`);
    else if (s.kind === 'lead') lines.push(`**${text}**`);
    else if (s.kind === 'caption' || s.kind === 'byline') lines.push(`*${text}*`);
    else lines.push(text);
    lines.push('');
  }
  return [...lines, ...footer(article, meta)].join('\n');
}

/** The brief as Markdown, with segment references on key points and a draft notice until approved. */
export function briefMarkdown(article: Article, brief: ExportBrief, meta: ExportMeta): string {
  const c = brief.content;
  const out = [`# ${mdEscape(c.headline)}`, ''];
  if (!brief.approved) out.push('> Draft: not yet approved.', '');
  out.push(mdEscape(c.summary), '');
  if (c.keyPoints.length) {
    out.push('## Key points', '');
    for (const k of c.keyPoints) out.push(`- ${mdEscape(k.text)}${k.segmentIds.length ? ` ${sourceRefs(article, k.segmentIds)}` : ''}`);
    out.push('');
  }
  if (c.people.length) out.push('## People', '', ...c.people.map((p) => `- **${mdEscape(p.name)}**${p.role ? ` — ${mdEscape(p.role)}` : ''}`), '');
  if (c.organisations.length) out.push('## Organisations', '', ...c.organisations.map((o) => `- ${mdEscape(o)}`), '');
  if (c.places.length) out.push('## Places', '', ...c.places.map((p) => `- ${mdEscape(p)}`), '');
  if (c.figures.length) {
    out.push('## Figures', '', '| Figure | What it measures |', '|---|---|');
    for (const f of c.figures) out.push(`| ${mdEscape(figureText(f))} | ${mdEscape(f.measure)} |`);
    out.push('');
  }
  return [...out, ...footer(article, meta)].join('\n');
}

/** Both languages side by side in a Markdown table, one row per segment, for the record. */
export function bilingualMarkdown(article: Article, brief: ExportBrief | null, meta: ExportMeta): string {
  const out = [`# ${mdEscape(englishTitle(article, brief))}`, '', `Vietnamese source: ${mdEscape(article.title)}`, '', '| # | Vietnamese | English | Status |', '|---|---|---|---|'];
  for (const s of [...article.segments].sort((a, b) => a.index - b.index)) {
    const en = englishOf(s);
    out.push(`| ${s.index + 1} | ${mdEscape(s.source)} | ${en ? mdEscape(en) : UNTRANSLATED} | ${isMachineDraft(s) ? `${s.status} ${mdEscape(MT_MARK)}` : s.status} |`);
  }
  out.push('');
  return [...out, ...footer(article, meta)].join('\n');
}
