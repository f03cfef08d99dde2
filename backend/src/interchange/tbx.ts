/**
 * TBX (TBX-Basic, ISO 30042 "martif" form) for the termbase: one termEntry per entry, the Vietnamese term and its
 * abbreviation in the vi langSet, the English term and its forbidden variants (deprecatedTerm) in the en langSet.
 * Pure.
 */
import { Errors } from '../errors.ts';
import { parseTermsCsv, termId, type TermEntry } from '../text/terms.ts';
import { attrs, esc, textOf, xmlParser } from './xml.ts';

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
    if (e.validFrom) out.push(`        <descrip type="validFrom">${esc(e.validFrom)}</descrip>`);
    if (e.validTo) out.push(`        <descrip type="validTo">${esc(e.validTo)}</descrip>`);
    if (e.caseSensitive) out.push('        <descrip type="caseSensitive">true</descrip>');
    if (e.note) out.push(`        <note>${esc(e.note)}</note>`);
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

type Node = Record<string, unknown>;
const list = (n: unknown): Node[] => (Array.isArray(n) ? (n as Node[]) : n ? [n as Node] : []);

/**
 * Read a TBX document (TBX-Basic/martif; `tig` or `ntig/termGrp`) into entries. Entries need a Vietnamese and an
 * English term; others are skipped and counted.
 * @throws ERR_INPUT_MALFORMED when the XML is not TBX.
 */
export function parseTbx(xml: string): { entries: TermEntry[]; skipped: number } {
  let doc: Node;
  try {
    doc = xmlParser(['termEntry', 'langSet', 'tig', 'ntig', 'descrip', 'note', 'termNote']).parse(xml, true) as Node;
  } catch (err) {
    throw new Errors.MalformedInput(`The TBX file is not well-formed XML: ${(err as Error).message}`);
  }
  const martif = (doc.martif ?? doc.tbx) as Node | undefined;
  if (!martif) throw new Errors.MalformedInput('Not a TBX file: the root element must be <martif> or <tbx>');
  const body = ((martif.text as Node | undefined)?.body ?? {}) as Node;
  const entries: TermEntry[] = [];
  let skipped = 0;
  for (const te of list(body.termEntry ?? body.conceptEntry)) {
    const descrip = (type: string) => list(te.descrip).find((d) => d['@_type'] === type);
    const terms: Record<string, { text: string; status?: string; type?: string }[]> = {};
    for (const ls of list(te.langSet)) {
      const lang = String(ls['@_xml:lang'] ?? '').toLowerCase().split('-')[0]!;
      for (const tig of [...list(ls.tig), ...list(ls.ntig).map((n) => (n.termGrp ?? n) as Node)]) {
        const notes = list(tig.termNote);
        terms[lang] ??= [];
        terms[lang].push({
          text: textOf(tig.term).trim().normalize('NFC'),
          status: textOf(notes.find((n) => n['@_type'] === 'administrativeStatus')),
          type: textOf(notes.find((n) => n['@_type'] === 'termType')),
        });
      }
    }
    const vi = terms.vi?.find((t) => t.type !== 'abbreviation' && t.text);
    const en = terms.en?.find((t) => t.status !== DEPRECATED && t.text);
    if (!vi || !en) {
      skipped++;
      continue;
    }
    const entry: TermEntry = {
      id: String(te['@_id'] ?? '') || termId(vi.text, en.text),
      vi: vi.text,
      en: en.text,
      forbidden: (terms.en ?? []).filter((t) => t.status === DEPRECATED).map((t) => t.text),
      caseSensitive: textOf(descrip('caseSensitive')).trim() === 'true',
    };
    const abbr = terms.vi?.find((t) => t.type === 'abbreviation')?.text;
    const note = list(te.note).map(textOf).join(' ').trim();
    const optional = { abbr, note, domain: textOf(descrip('subjectField')).trim(), validFrom: textOf(descrip('validFrom')).trim(), validTo: textOf(descrip('validTo')).trim() };
    for (const [k, v] of Object.entries(optional)) if (v) (entry as unknown as Record<string, string>)[k] = v.normalize('NFC');
    entries.push(entry);
  }
  return { entries, skipped };
}

/** Read a termbase upload by its content: TBX when it starts with XML, otherwise CSV. */
export function parseTermsFile(text: string): { entries: TermEntry[]; skipped: number; format: 'csv' | 'tbx' } {
  if (/^\s*(<\?xml|<martif|<tbx)/.test(text.replace(/^\uFEFF/, ''))) return { ...parseTbx(text), format: 'tbx' };
  const entries = parseTermsCsv(text);
  return { entries, skipped: 0, format: 'csv' };
}
