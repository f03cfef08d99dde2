/** Styles shared by the office pages (sign-in, users, account, audit, history, quality): a heading, forms and a table. */
import { css } from 'lit';

export const officeStyles = css`
  /* Stacked forms (sign-in, settings); a class, as the Content-Security-Policy blocks style attributes. */
  form.stacked-320, form.stacked-560 { flex-direction: column; align-items: start; }
  form.stacked-320 { max-width: 320px; }
  form.stacked-560 { max-width: 560px; }
  :host { display: block; padding: 16px 20px; max-width: 1280px; margin: 0 auto; }
  h1 { font-size: 22px; }
  h2 { font-size: 17px; margin-top: 24px; }
  form { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 12px 0; }
  label { display: flex; flex-direction: column; gap: 3px; font-size: 13px; color: #344054; }
  input, select { font: inherit; padding: 5px 8px; border: 1px solid #c4c9d2; border-radius: 5px; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid #e4e7ec; font-size: 13.5px; vertical-align: top; }
  th { background: #f2f4f7; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .change { white-space: pre-wrap; font-size: 12.5px; max-width: 520px; overflow-wrap: anywhere; }
  .secret { font-family: ui-monospace, monospace; background: #fef9c3; padding: 8px; border-radius: 5px; overflow-wrap: anywhere; }
  a { color: #1d4ed8; }
`;

/** A before/after pair as short plain text for a table cell (rendered as text, never as HTML). */
export function describeChange(before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const b = show(before);
  const a = show(after);
  if (!b && !a) return '';
  return b ? `${b}\n→ ${a}` : a;
}
