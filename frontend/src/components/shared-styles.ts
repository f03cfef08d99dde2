/** Buttons, fields and dialogs shared by every element, so all controls look and focus the same way. */
import { css } from 'lit';

export const sharedStyles = css`
  :host { color: #101828; }
  .btn {
    font: inherit; font-size: 13.5px; padding: 6px 12px; border-radius: 6px; cursor: pointer;
    border: 1px solid #98a2b3; background: #fff; color: #1d2939; text-decoration: none; display: inline-block;
    line-height: 1.3;
  }
  .btn:hover:not(:disabled) { background: #f2f4f7; }
  .btn.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  .btn.primary:hover:not(:disabled) { background: #1e40af; }
  .btn.danger { color: #b42318; border-color: #f4a29a; }
  .btn.small { font-size: 12.5px; padding: 3px 9px; }
  .btn:disabled { opacity: 0.5; cursor: default; }
  .btn:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
    outline: 3px solid #2563eb; outline-offset: 1px;
  }
  input[type='text'], input[type='search'], select, textarea {
    font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid #98a2b3; border-radius: 6px; background: #fff; color: #101828;
  }
  label { font-size: 13px; font-weight: 600; color: #344054; }
  .muted { color: #475467; }
  .error { color: #b42318; background: #fef3f2; border: 1px solid #fecdca; border-radius: 6px; padding: 8px 12px; }
  .notice { background: #eff8ff; border: 1px solid #b2ddff; border-radius: 6px; padding: 8px 12px; color: #1e3a5f; }
  dialog { border: 1px solid #98a2b3; border-radius: 10px; padding: 0; box-shadow: 0 20px 50px rgba(16, 24, 40, 0.25); color: #101828; }
  dialog::backdrop { background: rgba(16, 24, 40, 0.45); }
  dialog header { display: flex; justify-content: space-between; align-items: center; padding: 14px 18px; border-bottom: 1px solid #e4e7ec; }
  dialog h2 { margin: 0; font-size: 18px; }
  dialog .body { padding: 14px 18px; }
  dialog footer { display: flex; gap: 8px; justify-content: flex-end; padding: 12px 18px; border-top: 1px solid #e4e7ec; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .bar { height: 8px; background: #e4e7ec; border-radius: 4px; overflow: hidden; }
  .bar > span { display: block; height: 100%; background: #1d4ed8; transition: width 0.2s; }
  .bar > span.failed { background: #d92d20; }
`;

/** A `<details>` whose summary is a button and whose `.menu` drops down under it (export and XLIFF menus). */
export const dropdownStyles = css`
  :host { position: relative; display: inline-block; }
  summary { list-style: none; }
  summary::-webkit-details-marker { display: none; }
  .menu { position: absolute; right: 0; top: calc(100% + 4px); z-index: 20; background: #fff; border: 1px solid #98a2b3;
    border-radius: 8px; padding: 8px; box-shadow: 0 8px 24px rgba(16, 24, 40, 0.18); min-width: 260px; }
`;
