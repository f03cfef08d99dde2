/** Small XML helpers shared by the TBX, TMX and XLIFF builders. Pure. Reading is in xml-tree.ts. */

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

/** TMX/ISO basic date-time: 20260127T061800Z. */
export function tmxDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Back from 20260127T061800Z to an ISO string; undefined when it is not that shape. */
export function fromTmxDate(s: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}
