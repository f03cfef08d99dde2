/**
 * XLIFF 2.0 and 1.2 for handing an article to a CAT tool and taking the edited file back. A unit (2.0) or
 * trans-unit (1.2) per segment, keyed by the segment id; the workbench status travels as the XLIFF state; QA issues
 * and the segment kind travel as notes. Pure.
 */
import { Errors } from '../errors.ts';
import type { Segment, SegmentStatus } from '../schemas/article.ts';
import { attrs, esc, textOf, xmlParser } from './xml.ts';

export type XliffVersion = '2.0' | '1.2';

export interface XliffArticle {
  id: string;
  title: string;
  segments: readonly Pick<Segment, 'id' | 'kind' | 'source' | 'translation' | 'status' | 'qa'>[];
}

const STATE_20: Record<SegmentStatus, string> = { new: 'initial', failed: 'initial', translated: 'translated', edited: 'reviewed', confirmed: 'reviewed', approved: 'final' };
const STATE_12: Record<SegmentStatus, string> = { new: 'needs-translation', failed: 'needs-translation', translated: 'needs-review-translation', edited: 'translated', confirmed: 'translated', approved: 'final' };

/** XLIFF ids are NMTOKENs: letters, digits, '.', '-', '_', ':'. Segment ids already are; anything else is replaced. */
const nmtoken = (id: string) => id.replace(/[^\p{L}\p{N}._:-]/gu, '_');

/**
 * Write an article as XLIFF.
 * @example buildXliff(article, '2.0') // '<?xml ...><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" ...'
 */
export function buildXliff(article: XliffArticle, version: XliffVersion): string {
  return version === '2.0' ? build20(article) : build12(article);
}

function build20(a: XliffArticle): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi" trgLang="en">',
    `  <file${attrs({ id: nmtoken(`f-${a.id}`), original: a.title })}>`,
  ];
  for (const s of a.segments) {
    out.push(`    <unit${attrs({ id: nmtoken(s.id), name: s.kind })}>`);
    const notes = [`<note category="kind">${esc(s.kind)}</note>`, ...s.qa.map((q) => `<note${attrs({ category: 'qa', priority: q.severity === 'error' ? 1 : q.severity === 'warning' ? 5 : 9 })}>${esc(`${q.code}: ${q.message}`)}</note>`)];
    out.push(`      <notes>${notes.join('')}</notes>`);
    out.push(`      <segment${attrs({ id: nmtoken(s.id), state: STATE_20[s.status], subState: `wb:${s.status}` })}>`);
    out.push(`        <source>${esc(s.source)}</source>`);
    if (s.translation) out.push(`        <target>${esc(s.translation)}</target>`);
    out.push('      </segment>', '    </unit>');
  }
  out.push('  </file>', '</xliff>', '');
  return out.join('\n');
}

function build12(a: XliffArticle): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    `  <file${attrs({ original: a.title || a.id, 'source-language': 'vi', 'target-language': 'en', datatype: 'plaintext', 'product-name': 'vi-en-workbench' })}>`,
    `    <header><note from="workbench">article ${esc(a.id)}</note></header>`,
    '    <body>',
  ];
  for (const s of a.segments) {
    out.push(`      <trans-unit${attrs({ id: s.id, resname: s.kind, approved: s.status === 'approved' ? 'yes' : 'no' })}>`);
    out.push(`        <source xml:lang="vi">${esc(s.source)}</source>`);
    if (s.translation) out.push(`        <target xml:lang="en"${attrs({ state: STATE_12[s.status] })}>${esc(s.translation)}</target>`);
    for (const q of s.qa) out.push(`        <note${attrs({ from: 'qa', priority: q.severity === 'error' ? 1 : q.severity === 'warning' ? 5 : 9 })}>${esc(`${q.code}: ${q.message}`)}</note>`);
    out.push('      </trans-unit>');
  }
  out.push('    </body>', '  </file>', '</xliff>', '');
  return out.join('\n');
}

export interface XliffUnit {
  id: string;
  source: string;
  /** null when the unit has no target element. */
  target: string | null;
  /** The workbench status the XLIFF state maps to, when it maps to one. */
  status: SegmentStatus | null;
}

type Node = Record<string, unknown>;
const list = (n: unknown): Node[] => (Array.isArray(n) ? (n as Node[]) : n ? [n as Node] : []);

const FROM_20: Record<string, SegmentStatus> = { initial: 'new', translated: 'edited', reviewed: 'edited', final: 'approved' };
const FROM_12: Record<string, SegmentStatus> = { final: 'approved', 'signed-off': 'approved', translated: 'edited', 'needs-review-translation': 'edited', new: 'new', 'needs-translation': 'new' };

/**
 * Read the units of an XLIFF 2.0 or 1.2 file (the version is read from the file). Segmented 2.0 units are joined.
 * @throws ERR_INPUT_MALFORMED when the XML is not XLIFF 1.2 or 2.0.
 */
export function parseXliff(xml: string): { version: XliffVersion; units: XliffUnit[] } {
  let doc: Node;
  try {
    doc = xmlParser(['file', 'unit', 'segment', 'ignorable', 'trans-unit', 'group']).parse(xml, true) as Node;
  } catch (err) {
    throw new Errors.MalformedInput(`The XLIFF file is not well-formed XML: ${(err as Error).message}`);
  }
  const root = doc.xliff as Node | undefined;
  const version = String(root?.['@_version'] ?? '');
  if (!root || (version !== '2.0' && version !== '1.2')) throw new Errors.MalformedInput('Not an XLIFF 1.2 or 2.0 file: the root must be <xliff version="1.2|2.0">');
  const text = (n: unknown) => textOf(n).normalize('NFC');
  const units: XliffUnit[] = [];
  for (const file of list(root.file)) {
    if (version === '2.0') {
      for (const u of [...list(file.unit), ...list(file.group).flatMap((g) => list(g.unit))]) {
        const parts = [...list(u.segment), ...list(u.ignorable)];
        const hasTarget = parts.some((p) => p.target !== undefined);
        const state = String(list(u.segment)[0]?.['@_state'] ?? '');
        const sub = String(list(u.segment)[0]?.['@_subState'] ?? '');
        units.push({
          id: String(u['@_id']),
          source: parts.map((p) => text(p.source)).join(''),
          target: hasTarget ? parts.map((p) => text(p.target)).join('') : null,
          status: /^wb:(new|translated|edited|confirmed|approved|failed)$/.test(sub) && FROM_20[state] === FROM_20[STATE_20[sub.slice(3) as SegmentStatus]] ? (sub.slice(3) as SegmentStatus) : (FROM_20[state] ?? null),
        });
      }
    } else {
      const body = (file.body ?? {}) as Node;
      for (const tu of [...list(body['trans-unit']), ...list(body.group).flatMap((g) => list(g['trans-unit']))]) {
        const target = tu.target as Node | string | undefined;
        const state = typeof target === 'object' && target ? String(target['@_state'] ?? '') : '';
        units.push({
          id: String(tu['@_id']),
          source: text(tu.source),
          target: target === undefined ? null : text(target),
          status: tu['@_approved'] === 'yes' ? 'approved' : target === undefined ? 'new' : (FROM_12[state] ?? null),
        });
      }
    }
  }
  return { version, units };
}
