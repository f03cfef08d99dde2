/**
 * TMX 1.4b for the translation memory: one `tu` per unit with a vi and an en `tuv`. Provenance travels as TMX says:
 * creationid/creationdate/changeid/changedate attributes, `<prop>`s and `<note>`s; the link to the workbench article
 * and segment travels as the private props `x-workbench-article` and `x-workbench-segment`. Pure.
 */
import { Errors } from '../errors.ts';
import { inlineText } from './inline.ts';
import { attrs, esc, fromTmxDate, tmxDate } from './xml.ts';
import { kids, langOf, parseXml, textContent, type XmlElement } from './xml-tree.ts';

export interface TmxProp {
  type: string;
  value: string;
}

export interface TmxUnit {
  id?: string;
  source: string;
  target: string;
  createdBy?: string | null;
  createdAt?: string;
  changedBy?: string | null;
  updatedAt?: string;
  articleId?: string | null;
  segmentId?: string | null;
  /** `<prop>`s other than the workbench link, in file order. */
  props?: TmxProp[];
  notes?: string[];
}

const ARTICLE = 'x-workbench-article';
const SEGMENT = 'x-workbench-segment';

/** Write units as a TMX 1.4 document (source language vi, plain text segments). */
export function buildTmx(units: readonly TmxUnit[], tool = { name: 'vi-en-workbench', version: '0.1.0' }): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header${attrs({ creationtool: tool.name, creationtoolversion: tool.version, segtype: 'paragraph', 'o-tmf': tool.name, adminlang: 'en', srclang: 'vi', datatype: 'plaintext' })}/>`,
    '  <body>',
  ];
  for (const u of units) {
    out.push(`    <tu${attrs({ tuid: u.id, creationid: u.createdBy, creationdate: u.createdAt && tmxDate(u.createdAt), changeid: u.changedBy, changedate: u.updatedAt && tmxDate(u.updatedAt) })}>`);
    // TMX 1.4 content model of <tu>: (note|prop)*, tuv+.
    for (const n of u.notes ?? []) out.push(`      <note>${esc(n)}</note>`);
    const props = [...(u.props ?? []), ...(u.articleId ? [{ type: ARTICLE, value: u.articleId }] : []), ...(u.segmentId ? [{ type: SEGMENT, value: u.segmentId }] : [])];
    for (const p of props) out.push(`      <prop${attrs({ type: p.type })}>${esc(p.value)}</prop>`);
    out.push(`      <tuv xml:lang="vi"><seg>${esc(u.source)}</seg></tuv>`);
    out.push(`      <tuv xml:lang="en"><seg>${esc(u.target)}</seg></tuv>`);
    out.push('    </tu>');
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

/** TMX dates are basic ISO (20260127T061800Z); a few tools write extended ISO. */
const date = (s: string | undefined) => fromTmxDate(s) ?? (s && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s) ? new Date(s).toISOString() : undefined);

/** Who and when of a tu, from its own attributes and its vi/en tuvs: the earliest creation and the latest change. */
function provenance(els: XmlElement[]): Pick<TmxUnit, 'createdBy' | 'createdAt' | 'changedBy' | 'updatedAt'> {
  let created: { at?: string; by?: string } = {};
  let changed: { at?: string; by?: string } = {};
  for (const el of els) {
    const c = { at: date(el.attrs.creationdate), by: el.attrs.creationid };
    if (c.at ? !created.at || c.at < created.at : !created.at && !created.by && c.by) created = c;
    const ch = { at: date(el.attrs.changedate), by: el.attrs.changeid };
    if (ch.at ? !changed.at || ch.at > changed.at : !changed.at && !changed.by && ch.by) changed = ch;
  }
  const out: Pick<TmxUnit, 'createdBy' | 'createdAt' | 'changedBy' | 'updatedAt'> = { createdBy: created.by ?? null, createdAt: created.at, updatedAt: changed.at };
  if (changed.by) out.changedBy = changed.by;
  return out;
}

export interface TmxSkip {
  /** 1-based position of the tu in the file. */
  index: number;
  id?: string;
  reason: string;
}

/**
 * Read the vi/en pairs of a TMX file (any version 1.x; bytes in any encoding XML allows, or text). Language codes
 * match on their primary subtag (vi-VN, en-GB); inline markup follows the rule in inline.ts; units without both
 * languages are skipped and listed with the reason.
 * @throws ERR_INPUT_MALFORMED when the XML is not TMX, ERR_INTERCHANGE_ENCODING when it does not decode.
 */
export function parseTmx(input: string | Uint8Array): { units: TmxUnit[]; skipped: TmxSkip[] } {
  const tmx = parseXml(input, 'TMX file');
  if (tmx.local !== 'tmx' || tmx.ns !== '') throw new Errors.MalformedInput(`Not a TMX file: the root element must be <tmx> (found <${tmx.local}>)`);
  const units: TmxUnit[] = [];
  const skipped: TmxSkip[] = [];
  kids(kids(tmx, 'body', [''])[0], 'tu', ['']).forEach((tu, i) => {
    const tuvs = kids(tu, 'tuv', ['']);
    const tuv = (lang: string) => tuvs.find((t) => langOf(t) === lang);
    const vi = tuv('vi');
    const en = tuv('en');
    const seg = (t: XmlElement | undefined) => inlineText(kids(t, 'seg', [''])[0]).trim();
    const source = seg(vi);
    const target = seg(en);
    const id = tu.attrs.tuid;
    if (!source || !target) {
      skipped.push({ index: i + 1, ...(id ? { id } : {}), reason: !vi || !en ? `no ${!vi ? 'Vietnamese (vi)' : 'English (en)'} variant` : `empty ${!source ? 'Vietnamese' : 'English'} segment` });
      return;
    }
    const allProps = kids(tu, 'prop', ['']).map((p) => ({ type: p.attrs.type ?? '', value: textContent(p).trim() }));
    const unit: TmxUnit = { id, source, target, ...provenance([tu, vi!, en!]) };
    const link = (type: string) => allProps.find((p) => p.type === type)?.value;
    if (link(ARTICLE)) unit.articleId = link(ARTICLE);
    if (link(SEGMENT)) unit.segmentId = link(SEGMENT);
    const props = allProps.filter((p) => p.type !== ARTICLE && p.type !== SEGMENT);
    if (props.length) unit.props = props;
    const notes = [tu, vi!, en!].flatMap((el) => kids(el, 'note', [''])).map((n) => textContent(n).trim()).filter(Boolean);
    if (notes.length) unit.notes = notes;
    units.push(unit);
  });
  return { units, skipped };
}
