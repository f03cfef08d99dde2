/**
 * The one rule for inline markup in segments read from XLIFF 1.2, XLIFF 2.0 and TMX.
 *
 * Workbench segments are plain text: articles come in as .txt, .html or .docx paragraphs, the editor, QA, the term
 * matcher and the memory all work on text, and every export writes plain text. So inline codes from another tool's
 * file are not carried as placeholders; they are dropped cleanly:
 *
 * - Text-bearing markup keeps its text, in document order, in place: XLIFF 1.2 `<g>` and `<mrk>`, XLIFF 2.0 `<pc>` and
 *   `<mrk>`, TMX `<hi>`. "Quan hệ <hi>hữu nghị</hi> truyền thống" reads "Quan hệ hữu nghị truyền thống".
 * - A code (XLIFF 1.2 `<x>` `<bx>` `<ex>` `<ph>` `<bpt>` `<ept>` `<it>`; XLIFF 2.0 `<ph>` `<sc>` `<ec>` `<sm>` `<em>`;
 *   TMX `<bpt>` `<ept>` `<ph>` `<it>` `<ut>`) stands for native formatting of the other tool's document, and its
 *   content is that native code (`&lt;b&gt;`), never text. It becomes its declared plain-text equivalent when it has
 *   one (XLIFF 1.2 `equiv-text`, XLIFF 2.0 `equiv`), otherwise nothing; the spaces around a dropped code collapse to
 *   one, so "Hà Nội <x/> và" reads "Hà Nội và" and "Hà<x/>Nội" stays one word.
 * - XLIFF 2.0 `<cp hex="..."/>` is the character it encodes.
 *
 * Why dropped and not kept: a placeholder such as "{1}" that no workbench document can reproduce would reach the
 * memory and a 100% match would paste it into an article's English; QA would flag it as a stray token; a re-imported
 * XLIFF target would no longer equal the plain-text segment it came from. A CAT tool that needs its codes back keeps
 * them in its own file: what the workbench exports never had any.
 */
import type { XmlElement, XmlNode } from './xml-tree.ts';

const CODES = new Set(['x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'ut', 'sc', 'ec', 'sm', 'em']);
const GAP = '\u0001';

function walk(node: XmlNode, skip: (el: XmlElement) => boolean): string {
  if (node.type === 'text') return node.text;
  if (skip(node)) return '';
  if (node.local === 'cp') {
    const cp = Number.parseInt(node.attrs.hex ?? '', 16);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  }
  if (CODES.has(node.local)) return node.attrs['equiv-text'] ?? node.attrs.equiv ?? GAP;
  return node.children.map((c) => walk(c, skip)).join('');
}

/**
 * The plain text of a segment element (XLIFF source/target, a 2.0 segment part, a TMX seg) under the rule above.
 * `skip` leaves out child elements entirely (for example sentence `<mrk>`s read one by one by the caller).
 * @example inlineText(seg) // "Quan hệ hữu nghị truyền thống"
 */
export function inlineText(el: XmlElement | undefined, skip: (el: XmlElement) => boolean = () => false): string {
  return el ? inlineNodes(el.children, skip) : '';
}

/** `inlineText` of a run of sibling nodes. */
export function inlineNodes(nodes: readonly XmlNode[], skip: (el: XmlElement) => boolean = () => false): string {
  const raw = nodes.map((c) => walk(c, skip)).join('');
  return raw.replace(/[ \t]*\u0001(?:[ \t]*\u0001)*[ \t]*/g, (m) => (/[ \t]/.test(m) ? ' ' : '')).normalize('NFC');
}
