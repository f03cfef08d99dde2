/**
 * TMX 1.4b for the translation memory: one `tu` per unit with a vi and an en `tuv`, who and when in the TMX
 * attributes (creationid, creationdate, changedate). Pure.
 */
import { Errors } from '../errors.ts';
import { attrs, esc, fromTmxDate, textOf, tmxDate, xmlParser } from './xml.ts';

export interface TmxUnit {
  id?: string;
  source: string;
  target: string;
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** Write units as a TMX 1.4 document (source language vi, plain text segments). */
export function buildTmx(units: readonly TmxUnit[], tool = { name: 'vi-en-workbench', version: '0.1.0' }): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header${attrs({ creationtool: tool.name, creationtoolversion: tool.version, segtype: 'paragraph', 'o-tmf': tool.name, adminlang: 'en', srclang: 'vi', datatype: 'plaintext' })}/>`,
    '  <body>',
  ];
  for (const u of units) {
    out.push(`    <tu${attrs({ tuid: u.id, creationid: u.createdBy, creationdate: u.createdAt && tmxDate(u.createdAt), changedate: u.updatedAt && tmxDate(u.updatedAt) })}>`);
    out.push(`      <tuv xml:lang="vi"><seg>${esc(u.source)}</seg></tuv>`);
    out.push(`      <tuv xml:lang="en"><seg>${esc(u.target)}</seg></tuv>`);
    out.push('    </tu>');
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

type Node = Record<string, unknown>;
const list = (n: unknown): Node[] => (Array.isArray(n) ? (n as Node[]) : n ? [n as Node] : []);

/**
 * Read the vi/en pairs of a TMX file (any version 1.x). Language codes match on their primary subtag
 * (vi-VN, en-GB); units without both languages are skipped and counted. Inline codes (`<ph>`, `<bpt>`) are dropped.
 * @throws ERR_INPUT_MALFORMED when the XML is not TMX.
 */
export function parseTmx(xml: string): { units: TmxUnit[]; skipped: number } {
  let doc: Node;
  try {
    doc = xmlParser(['tu', 'tuv']).parse(xml, true) as Node;
  } catch (err) {
    throw new Errors.MalformedInput(`The TMX file is not well-formed XML: ${(err as Error).message}`);
  }
  const tmx = doc.tmx as Node | undefined;
  if (!tmx) throw new Errors.MalformedInput('Not a TMX file: the root element must be <tmx>');
  const units: TmxUnit[] = [];
  let skipped = 0;
  for (const tu of list((tmx.body as Node | undefined)?.tu)) {
    const seg = (lang: string) => {
      const tuv = list(tu.tuv).find((t) => String(t['@_xml:lang'] ?? t['@_lang'] ?? '').toLowerCase().split(/[-_]/)[0] === lang);
      return tuv ? removeInline(tuv.seg).trim().normalize('NFC') : '';
    };
    const source = seg('vi');
    const target = seg('en');
    if (!source || !target) {
      skipped++;
      continue;
    }
    const str = (k: string) => (tu[`@_${k}`] === undefined ? undefined : String(tu[`@_${k}`]));
    units.push({ id: str('tuid'), source, target, createdBy: str('creationid') ?? null, createdAt: fromTmxDate(str('creationdate')), updatedAt: fromTmxDate(str('changedate')) });
  }
  return { units, skipped };
}

/** Segment text without TMX inline code elements (their content is native code, not text). */
function removeInline(seg: unknown): string {
  if (seg && typeof seg === 'object' && !Array.isArray(seg)) {
    const o = { ...(seg as Node) };
    for (const k of ['bpt', 'ept', 'ph', 'it', 'ut']) delete o[k];
    return textOf(o);
  }
  return textOf(seg);
}
