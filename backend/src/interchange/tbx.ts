/**
 * TBX (TBX-Basic, ISO 30042 "martif" form) for the termbase: one termEntry per entry, the Vietnamese term and its
 * abbreviation in the vi langSet, the English term and its forbidden variants (deprecatedTerm) in the en langSet.
 * Pure.
 */
import { Errors } from '../errors.ts';
import { termId, type TermEntry } from '../text/terms.ts';
import { attrs, esc } from './xml.ts';
import { is, kids, langOf, parseXml, textContent, type XmlElement } from './xml-tree.ts';

const PREFERRED = 'preferredTerm-admn-sts';
const DEPRECATED = 'deprecatedTerm-admn-sts';

/** termEntry/@id is an XML ID (an NCName): an id from another tool such as "42" gets a prefix. */
function xmlId(id: string): string {
  return /^[\p{L}_][\p{L}\p{N}._-]*$/u.test(id) ? id : `t-${id.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
}

/** Write the entries as a TBX-Basic document. */
export function buildTbx(entries: readonly TermEntry[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<martif type="TBX-Basic" xml:lang="en">',
    '  <martifHeader>',
    '    <fileDesc><sourceDesc><p>Vietnamese-English workbench termbase</p></sourceDesc></fileDesc>',
    '  </martifHeader>',
    '  <text>',
    '    <body>',
  ];
  for (const e of entries) {
    out.push(`      <termEntry${attrs({ id: xmlId(e.id) })}>`);
    if (e.domain) out.push(`        <descrip type="subjectField">${esc(e.domain)}</descrip>`);
    if (e.note) out.push(`        <note>${esc(e.note)}</note>`);
    // TBX-Basic has no data category for these: they travel as notes in the documented private form (PRIVATE_NOTE).
    if (e.validFrom) out.push(`        <note>workbench:validFrom=${esc(e.validFrom)}</note>`);
    if (e.validTo) out.push(`        <note>workbench:validTo=${esc(e.validTo)}</note>`);
    if (e.caseSensitive) out.push('        <note>workbench:caseSensitive=true</note>');
    out.push('        <langSet xml:lang="vi">');
    out.push(`          <tig><term>${esc(e.vi)}</term><termNote type="administrativeStatus">${PREFERRED}</termNote></tig>`);
    if (e.abbr) out.push(`          <tig><term>${esc(e.abbr)}</term><termNote type="termType">abbreviation</termNote></tig>`);
    out.push('        </langSet>');
    out.push('        <langSet xml:lang="en">');
    out.push(`          <tig><term>${esc(e.en)}</term><termNote type="administrativeStatus">${PREFERRED}</termNote></tig>`);
    for (const f of e.forbidden) out.push(`          <tig><term>${esc(f)}</term><termNote type="administrativeStatus">${DEPRECATED}</termNote></tig>`);
    out.push('        </langSet>');
    out.push('      </termEntry>');
  }
  out.push('    </body>', '  </text>', '</martif>', '');
  return out.join('\n');
}

const TBX_NS = ['', 'urn:iso:std:iso:30042:ed-2'];
/** Elements of the TBX core structure; a child in another namespace is a data category in the DCT style. */
const CORE = new Set(['descrip', 'descripGrp', 'termNote', 'termNoteGrp', 'admin', 'adminGrp', 'note', 'transac', 'transacGrp', 'ref', 'xref', 'term', 'termGrp', 'tig', 'ntig', 'langSet', 'langSec', 'termSec']);

/** The values of a data category on an element, in DCA style (`<descrip type="subjectField">`) or DCT style (`<min:subjectField>`). */
function dc(el: XmlElement, name: string): string[] {
  const out: string[] = [];
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (TBX_NS.includes(c.ns) && /Grp$/.test(c.local)) out.push(...dc(c, name));
    else if (TBX_NS.includes(c.ns) && CORE.has(c.local) && c.attrs.type === name) out.push(textContent(c).trim());
    else if (!TBX_NS.includes(c.ns) && c.local === name) out.push(textContent(c).trim());
  }
  return out.filter(Boolean);
}

interface TbxTerm {
  text: string;
  /** 0 preferred, 1 admitted or unmarked, 2 deprecated or superseded. */
  rank: number;
  abbreviation: boolean;
}

function readTerm(holder: XmlElement, term: XmlElement): TbxTerm {
  const status = [...dc(holder, 'administrativeStatus'), ...dc(holder, 'normativeAuthorization')][0]?.replace(/-admn-sts$/, '') ?? '';
  const type = dc(holder, 'termType')[0] ?? '';
  const rank = /^(preferred|legal|regulated|standardized)Term$/.test(status) ? 0 : /^(deprecated|superseded)Term$/.test(status) ? 2 : 1;
  return { text: textContent(term).trim().normalize('NFC'), rank, abbreviation: /^(abbreviation|acronym|initialism|shortForm)$/.test(type) };
}

/** The terms of a langSet (TBX 2008: tig, ntig/termGrp) or langSec (TBX 2019: termSec). */
function termsOf(lang: XmlElement): TbxTerm[] {
  const out: TbxTerm[] = [];
  for (const c of lang.children) {
    if (is(c, 'tig', TBX_NS) || is(c, 'termSec', TBX_NS)) {
      const term = kids(c, 'term', TBX_NS)[0];
      if (term) out.push(readTerm(c, term));
    } else if (is(c, 'ntig', TBX_NS)) {
      const grp = kids(c, 'termGrp', TBX_NS)[0];
      const term = kids(grp, 'term', TBX_NS)[0];
      if (grp && term) out.push(readTerm(grp, term));
    }
  }
  return out.filter((t) => t.text);
}

/** Workbench fields that TBX-Basic has no data category for travel as `<note>workbench:name=value</note>`. */
const PRIVATE_NOTE = /^workbench:(validFrom|validTo|caseSensitive)=(.*)$/;

export interface TbxSkip {
  /** 1-based position of the entry in the file. */
  index: number;
  id?: string;
  reason: string;
}

/**
 * Read a TBX document: TBX 2008 (`martif`, TBX-Basic, `tig` or `ntig/termGrp`) or TBX 2019 (`tbx`, TBX-Core or
 * TBX-Basic, `conceptEntry/langSec/termSec`, DCA or DCT style). Bytes in any encoding XML allows, or text. Of several
 * terms in a language the preferred one wins over admitted or unmarked ones; deprecated and superseded English terms
 * become the forbidden renderings. Entries without a Vietnamese and an English term are skipped and listed.
 * @throws ERR_INPUT_MALFORMED when the XML is not TBX, ERR_INTERCHANGE_ENCODING when it does not decode.
 */
export function parseTbx(input: string | Uint8Array): { entries: TermEntry[]; skipped: TbxSkip[] } {
  const root = parseXml(input, 'TBX file');
  if (!((root.local === 'martif' || root.local === 'tbx') && TBX_NS.includes(root.ns))) {
    throw new Errors.MalformedInput(`Not a TBX file: the root element must be <martif> (TBX 2008) or <tbx> (TBX 2019), found <${root.local}>`);
  }
  const body = kids(kids(root, 'text', TBX_NS)[0], 'body', TBX_NS)[0];
  const entries: TermEntry[] = [];
  const skipped: TbxSkip[] = [];
  const concepts = body?.children.filter((c): c is XmlElement => is(c, 'termEntry', TBX_NS) || is(c, 'conceptEntry', TBX_NS)) ?? [];
  concepts.forEach((te, i) => {
    const terms: Record<string, TbxTerm[]> = {};
    for (const ls of [...kids(te, 'langSet', TBX_NS), ...kids(te, 'langSec', TBX_NS)]) (terms[langOf(ls)] ??= []).push(...termsOf(ls));
    // The stable sort keeps file order among terms of the same rank.
    const best = (ts: TbxTerm[] | undefined) => [...(ts ?? [])].filter((t) => t.rank < 2 && !t.abbreviation).sort((a, b) => a.rank - b.rank)[0];
    const vi = best(terms.vi);
    const en = best(terms.en);
    if (!vi || !en) {
      skipped.push({ index: i + 1, ...(te.attrs.id ? { id: te.attrs.id } : {}), reason: `no ${!vi ? 'Vietnamese (vi)' : 'English (en)'} term` });
      return;
    }
    const notes = kids(te, 'note', TBX_NS).map((n) => textContent(n).trim());
    const fields: Record<string, string> = {};
    const plainNotes: string[] = [];
    for (const n of new Set(notes.filter(Boolean))) {
      const m = PRIVATE_NOTE.exec(n);
      if (m) fields[m[1]!] = m[2]!.trim();
      else plainNotes.push(n);
    }
    const entry: TermEntry = {
      id: te.attrs.id || te.attrs['xml:id'] || termId(vi.text, en.text),
      vi: vi.text,
      en: en.text,
      forbidden: (terms.en ?? []).filter((t) => t.rank === 2).map((t) => t.text),
      // Files written before validity dates moved to notes carried them as descrip types.
      caseSensitive: (fields.caseSensitive ?? dc(te, 'caseSensitive')[0]) === 'true',
    };
    const optional = {
      abbr: terms.vi?.find((t) => t.abbreviation)?.text,
      note: plainNotes.join(' '),
      domain: dc(te, 'subjectField')[0],
      validFrom: fields.validFrom ?? dc(te, 'validFrom')[0],
      validTo: fields.validTo ?? dc(te, 'validTo')[0],
    };
    for (const [k, v] of Object.entries(optional)) if (v) (entry as unknown as Record<string, string>)[k] = v.normalize('NFC');
    entries.push(entry);
  });
  return { entries, skipped };
}
