/** Small XML helpers shared by the TBX, TMX and XLIFF builders and parsers. Pure. */
import { XMLParser } from 'fast-xml-parser';

/** Escape text or an attribute value; drops characters XML 1.0 cannot carry at all. */
export function esc(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `name="value"` pairs for the defined values, each preceded by a space. */
export function attrs(values: Record<string, string | number | undefined | null>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
}

/**
 * A parser that keeps attributes (prefixed `@_`), keeps text untrimmed as `#text`, and returns the named elements
 * always as arrays so one and many read the same way.
 */
export function xmlParser(arrays: string[]): XMLParser {
  const set = new Set(arrays);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    removeNSPrefix: false,
    isArray: (name) => set.has(name),
  });
}

/** The text of a parsed element: a string, or an object with `#text` (when it has attributes or inline markup). */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (typeof node === 'object') {
    const o = node as Record<string, unknown>;
    // Inline elements (XLIFF <ph/>, <g>) have no text of their own worth keeping beyond their children.
    return Object.entries(o)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, v]) => textOf(v))
      .join('');
  }
  return '';
}

/** TMX/ISO basic date-time: 20260127T061800Z. */
export function tmxDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Back from 20260127T061800Z to an ISO string; undefined when it is not that shape. */
export function fromTmxDate(s: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}
