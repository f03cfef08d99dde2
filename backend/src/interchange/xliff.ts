/**
 * XLIFF 2.0 and 1.2 for handing an article to a CAT tool and taking the edited file back. A unit (2.0) or
 * trans-unit (1.2) per segment, keyed by the segment id; the workbench status travels as the XLIFF state; QA issues
 * and the segment kind travel as notes. Pure.
 */
import { Errors } from '../errors.ts';
import type { Segment, SegmentStatus } from '../schemas/article.ts';
import { inlineNodes, inlineText } from './inline.ts';
import { attrs, esc } from './xml.ts';
import { is, kids, parseXml, textContent, type XmlElement, type XmlNode } from './xml-tree.ts';
import { pairedSentenceSpans } from '../text/sentences.ts';

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
    // name is the segment id: unique and stable, so tools that match on context ids never confuse two paragraphs.
    out.push(`    <unit${attrs({ id: nmtoken(s.id), name: s.id })}>`);
    const notes = [`<note category="kind">${esc(s.kind)}</note>`, ...s.qa.map((q) => `<note${attrs({ category: 'qa', priority: q.severity === 'error' ? 1 : q.severity === 'warning' ? 5 : 9 })}>${esc(`${q.code}: ${q.message}`)}</note>`)];
    out.push(`      <notes>${notes.join('')}</notes>`);
    out.push(...segments20(s), '    </unit>');
  }
  out.push('  </file>', '</xliff>', '');
  return out.join('\n');
}

/**
 * The <segment>s of a unit: one per sentence when the segment is approved and its source and English have as many
 * sentences (the pairs the memory stores); else one for the whole paragraph. The space after a sentence stays in its
 * segment (not in an <ignorable>), so a reader that joins the segments in order gets the paragraph back exactly.
 */
function segments20(s: XliffArticle['segments'][number]): string[] {
  const state = { state: STATE_20[s.status], subState: `wb:${s.status}` };
  const pairs = s.status === 'approved' && s.translation ? pairedSentenceSpans(s.source, s.translation) : [];
  if (pairs.length === 0) {
    return [`      <segment${attrs({ id: nmtoken(s.id), ...state })}>`, `        <source>${esc(s.source)}</source>`, ...(s.translation ? [`        <target>${esc(s.translation)}</target>`] : []), '      </segment>'];
  }
  const t = s.translation!;
  return pairs.map(([vi, en], i) => {
    const next = pairs[i + 1];
    const src = s.source.slice(i === 0 ? 0 : vi.start, next ? next[0].start : s.source.length);
    const tgt = t.slice(i === 0 ? 0 : en.start, next ? next[1].start : t.length);
    return `      <segment${attrs({ id: nmtoken(`${s.id}-s${i + 1}`), ...state })}><source>${esc(src)}</source><target>${esc(tgt)}</target></segment>`;
  });
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
    out.push(`      <trans-unit${attrs({ id: s.id, resname: s.id, approved: s.status === 'approved' ? 'yes' : 'no' })}>`);
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
  /** null when the unit has no target (or, in 2.0, when one of its segments has none). */
  target: string | null;
  /** The workbench status the XLIFF state maps to, when it maps to one. */
  status: SegmentStatus | null;
  /** Other ids the unit names for itself: translate-toolkit's po2xliff keeps the original id as a location context. */
  aliases?: string[];
  /** Why the unit must not be applied, when the file itself says so (translate="no", a PO header, a partial target). */
  skip?: { reason: 'not-translatable' | 'no-target'; message: string };
}

const NS_12 = ['urn:oasis:names:tc:xliff:document:1.2', 'urn:oasis:names:tc:xliff:document:1.1', ''];
const NS_20 = ['urn:oasis:names:tc:xliff:document:2.0'];

const FROM_20: Record<string, SegmentStatus> = { initial: 'new', translated: 'edited', reviewed: 'edited', final: 'approved' };
const FROM_12: Record<string, SegmentStatus> = { final: 'approved', 'signed-off': 'approved', translated: 'edited', 'needs-review-translation': 'edited', new: 'new', 'needs-translation': 'new' };
/** Trados Studio keeps each sentence's confirmation level in its own namespace (sdl:seg conf), not in XLIFF state. */
const SDL_NS = 'http://sdl.com/FileTypes/SdlXliff/1.0';
const FROM_SDL: Record<string, SegmentStatus> = { Translated: 'edited', ApprovedTranslation: 'approved', ApprovedSignOff: 'approved' };
const RANK: Record<SegmentStatus, number> = { new: 0, failed: 0, translated: 1, edited: 2, confirmed: 3, approved: 4 };

/**
 * Read the units of an XLIFF 2.0 or 1.2 file (bytes in any encoding XML allows, or text). Elements are matched by
 * namespace, not prefix; inline markup follows the rule in inline.ts; XLIFF 1.2 sentence `<mrk mtype="seg">`s and
 * XLIFF 2.0 `<segment>`s and `<ignorable>`s are joined in document order with the text between them.
 * @throws ERR_INPUT_MALFORMED when the XML is not XLIFF 1.2 or 2.0, ERR_INTERCHANGE_ENCODING when it does not decode.
 */
export function parseXliff(input: string | Uint8Array): { version: XliffVersion; units: XliffUnit[] } {
  const root = parseXml(input, 'XLIFF file');
  const version = root.attrs.version;
  if (root.local !== 'xliff' || !((version === '2.0' && NS_20.includes(root.ns)) || (version === '1.2' && NS_12.includes(root.ns)))) {
    throw new Errors.MalformedInput(`Not an XLIFF 1.2 or 2.0 file: the root must be <xliff version="1.2|2.0"> in the XLIFF namespace (found <${root.local} version="${version ?? ''}"> in "${root.ns}")`);
  }
  const units: XliffUnit[] = [];
  if (version === '2.0') for (const file of kids(root, 'file', NS_20)) units.push(...units20(file));
  else for (const file of kids(root, 'file', NS_12)) units.push(...units12(kids(file, 'body', NS_12)[0]));
  return { version, units };
}

/** A unit is as far along as its least advanced sentence; unknown when any sentence's status is unknown. */
function leastAdvanced(statuses: (SegmentStatus | null)[]): SegmentStatus | null {
  return statuses.includes(null) ? null : (statuses as SegmentStatus[]).reduce<SegmentStatus | null>((a, b) => (a === null || RANK[b] < RANK[a] ? b : a), null);
}

function units20(parent: XmlElement): XliffUnit[] {
  const out: XliffUnit[] = [];
  for (const el of parent.children) {
    if (is(el, 'group', NS_20)) out.push(...units20(el));
    if (!is(el, 'unit', NS_20)) continue;
    const parts = el.children.filter((c): c is XmlElement => is(c, 'segment', NS_20) || is(c, 'ignorable', NS_20));
    const segments = parts.filter((p) => p.local === 'segment');
    const missing = segments.filter((p) => !kids(p, 'target', NS_20).length).length;
    const target = parts.map((p) => {
      const t = kids(p, 'target', NS_20)[0];
      // An ignorable without a target stands for its source (XLIFF 2.0, 4.2.2.6): the spaces between sentences.
      return t ? inlineText(t) : p.local === 'ignorable' ? inlineText(kids(p, 'source', NS_20)[0]) : '';
    });
    const statuses = segments.map((p) => {
      const state = p.attrs.state ?? 'initial';
      const sub = /^wb:(new|translated|edited|confirmed|approved|failed)$/.exec(p.attrs.subState ?? '')?.[1] as SegmentStatus | undefined;
      return sub && FROM_20[state] === FROM_20[STATE_20[sub]] ? sub : (FROM_20[state] ?? null);
    });
    const unit: XliffUnit = {
      id: el.attrs.id ?? '',
      source: parts.map((p) => inlineText(kids(p, 'source', NS_20)[0])).join(''),
      target: missing === 0 && segments.length > 0 ? target.join('') : null,
      status: leastAdvanced(statuses),
    };
    if (el.attrs.translate === 'no') unit.skip = { reason: 'not-translatable', message: 'marked translate="no"' };
    else if (missing > 0 && missing < segments.length) unit.skip = { reason: 'no-target', message: `${missing} of its ${segments.length} segments have no target` };
    out.push(unit);
  }
  return out;
}

/**
 * The text of a 1.2 target (or source) split into sentence `<mrk mtype="seg">`s (Trados, memoQ): the sentences and
 * the text between them in document order; where the target has nothing between two sentences, the seg-source's
 * spaces between the same sentences are used, so "Câu một." and "Câu hai." never run together.
 */
function segmentedText(el: XmlElement, segSource: XmlElement | undefined): string {
  const isSeg = (c: XmlNode): c is XmlElement => is(c, 'mrk', NS_12) && c.attrs.mtype === 'seg';
  if (!el.children.some(isSeg)) return inlineText(el);
  const gapsInSource = new Map<string, string>();
  if (segSource) {
    let prev: string | null = null;
    let gap = '';
    for (const c of segSource.children) {
      if (isSeg(c)) {
        if (prev !== null) gapsInSource.set(`${prev}>${c.attrs.mid}`, gap);
        prev = c.attrs.mid ?? '';
        gap = '';
      } else gap += inlineNodes([c]);
    }
  }
  let out = '';
  let prev: string | null = null;
  let gap = '';
  for (const c of el.children) {
    if (isSeg(c)) {
      if (prev !== null) out += gap === '' ? (gapsInSource.get(`${prev}>${c.attrs.mid}`) ?? ' ') : gap;
      else out += gap;
      out += inlineText(c);
      prev = c.attrs.mid ?? '';
      gap = '';
    } else gap += inlineNodes([c]);
  }
  return (out + gap).normalize('NFC');
}

function units12(parent: XmlElement | undefined): XliffUnit[] {
  const out: XliffUnit[] = [];
  for (const el of parent?.children ?? []) {
    if (is(el, 'group', NS_12)) out.push(...units12(el));
    if (!is(el, 'trans-unit', NS_12)) continue;
    const source = kids(el, 'source', NS_12)[0];
    const segSource = kids(el, 'seg-source', NS_12)[0];
    const target = kids(el, 'target', NS_12)[0];
    const state = target?.attrs.state ?? '';
    const aliases = kids(el, 'context-group', NS_12)
      .flatMap((g) => kids(g, 'context', NS_12))
      .filter((c) => c.attrs['context-type'] === 'sourcefile')
      .map((c) => textContent(c).trim())
      .filter(Boolean);
    const sdl = kids(el, 'seg-defs', [SDL_NS]).flatMap((d) => kids(d, 'seg', [SDL_NS])).map((g) => FROM_SDL[g.attrs.conf ?? ''] ?? null);
    const unit: XliffUnit = {
      id: el.attrs.id ?? '',
      source: source ? inlineText(source) : segSource ? segmentedText(segSource, undefined) : '',
      target: target ? segmentedText(target, segSource) : null,
      status: el.attrs.approved === 'yes' ? 'approved' : !target ? 'new' : (FROM_12[state] ?? (sdl.length ? leastAdvanced(sdl) : null)),
    };
    if (aliases.length) unit.aliases = aliases;
    if (el.attrs.translate === 'no') unit.skip = { reason: 'not-translatable', message: 'marked translate="no"' };
    else if (el.attrs.restype === 'x-gettext-domain-header') unit.skip = { reason: 'not-translatable', message: 'a PO header written by translate-toolkit, not a segment' };
    out.push(unit);
  }
  return out;
}
