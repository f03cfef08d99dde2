/**
 * Reading XML with a conforming, namespace-aware parser (saxes): character and entity references come out decoded,
 * text and inline elements stay in document order, and elements are known by namespace URI and local name, so
 * `<xlf:xliff xmlns:xlf="...">` and `<xliff xmlns="...">` read the same. Pure.
 */
import { SaxesParser } from 'saxes';
import { Errors } from '../errors.ts';
import { decodeXml } from './decode.ts';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
  type: 'element';
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Attributes without a namespace by local name; `xml:lang` and `xml:space` by that name; others as `{uri}local`. */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { type: 'text'; text: string };

/**
 * Parse an XML document (bytes in any encoding `decodeXml` detects, or text) into its root element.
 * @throws ERR_INPUT_MALFORMED naming the line and column when it is not well-formed (undefined entities included).
 * @throws ERR_INTERCHANGE_ENCODING when the bytes do not decode.
 */
export function parseXml(input: string | Uint8Array, what: string): XmlElement {
  const text = decodeXml(input, what);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri === '' ? a.local : a.uri === XML_NS ? `xml:${a.local}` : `{${a.uri}}${a.local}`] = a.value;
    }
    const el: XmlElement = { type: 'element', ns: tag.uri ?? '', local: tag.local ?? tag.name, attrs, children: [] };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    const last = top.children[top.children.length - 1];
    if (last?.type === 'text') last.text += t;
    else top.children.push({ type: 'text', text: t });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= err as Error;
  }
  if (failure || !root) throw new Errors.MalformedInput(`The ${what} is not well-formed XML: ${(failure as Error | null)?.message ?? 'no root element'}`);
  return root;
}

/** Whether an element is `local` in one of the namespaces (pass '' for "no namespace"). */
export function is(el: XmlNode | undefined, local: string, ns: readonly string[]): el is XmlElement {
  return el?.type === 'element' && el.local === local && ns.includes(el.ns);
}

/** The child elements with that local name in one of the namespaces, in order. */
export function kids(el: XmlElement | undefined, local: string, ns: readonly string[]): XmlElement[] {
  return el ? (el.children.filter((c) => is(c, local, ns)) as XmlElement[]) : [];
}

/** All the text under an element, in document order (for elements without inline codes: terms, notes, props). */
export function textContent(node: XmlNode | undefined): string {
  if (!node) return '';
  return node.type === 'text' ? node.text : node.children.map(textContent).join('');
}

/** The language of an element as lower-case primary subtag ("vi-VN" -> "vi"); TMX 1.1 wrote `lang`. */
export function langOf(el: XmlElement): string {
  return (el.attrs['xml:lang'] ?? el.attrs.lang ?? '').toLowerCase().split(/[-_]/)[0]!;
}
