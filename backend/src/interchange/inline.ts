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
 *   one (XLIFF 1.2 `equiv-text`, XLIFF 2.0 `equiv`), otherwise:
 *   - a paired code (the start or end of bold, a link: `<bpt>` `<ept>` `<bx>` `<ex>` `<it>` `<sc>` `<ec>` `<sm>`
 *     `<em>`) becomes nothing, so "H<bpt/>ò<ept/>a" stays one word;
 *   - a standalone placeholder (`<x>` `<ph>` `<ut>`: a tab, a line break, an image, a field) separates words: it
 *     becomes one space between two non-space characters ("USD<ph>&lt;tab/&gt;</ph>tăng" reads "USD tăng"), else
 *     nothing;
 *   - the spaces around a dropped code collapse to one, so "Hà Nội <x/> và" reads "Hà Nội và".
 * - XLIFF 2.0 `<cp hex="..."/>` is the character it encodes.
 *
 * Why dropped and not kept: a placeholder such as "{1}" that no workbench document can reproduce would reach the
 * memory and a 100% match would paste it into an article's English; QA would flag it as a stray token; a re-imported
 * XLIFF target would no longer equal the plain-text segment it came from. A CAT tool that needs its codes back keeps
 * them in its own file: what the workbench exports never had any.
 */
import type { XmlElement, XmlNode } from './xml-tree.ts';

const PAIRED = new Set(['bx', 'ex', 'bpt', 'ept', 'it', 'sc', 'ec', 'sm', 'em']);
const STANDALONE = new Set(['x', 'ph', 'ut']);
/** Marks left by a dropped code until the spaces around it are settled: nothing, or a word boundary. */
const GAP = '\u0001';
const BREAK = '\u0002';

function walk(node: XmlNode, skip: (el: XmlElement) => boolean): string {
  if (node.type === 'text') return node.text;
  if (skip(node)) return '';
  if (node.local === 'cp') {
    const cp = Number.parseInt(node.attrs.hex ?? '', 16);
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  }
  if (PAIRED.has(node.local) || STANDALONE.has(node.local)) return node.attrs['equiv-text'] ?? node.attrs.equiv ?? (STANDALONE.has(node.local) ? BREAK : GAP);
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
  return raw
    .replace(/[ \t]*[\u0001\u0002](?:[ \t]*[\u0001\u0002])*[ \t]*/g, (m: string, at: number, all: string) => {
      const edge = at === 0 || at + m.length === all.length;
      return /[ \t]/.test(m) || (m.includes(BREAK) && !edge) ? ' ' : '';
    })
    .normalize('NFC');
}
