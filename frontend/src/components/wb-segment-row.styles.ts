/** Styles of <wb-segment-row>, kept apart so the element file stays about behaviour. */
import { css } from 'lit';

export const rowStyles = css`
  :host {
    display: block;
    border-bottom: 1px solid var(--wb-line, #d0d5dd);
    /* 1,000 rows: let the browser skip layout and paint of rows far off screen. */
    content-visibility: auto;
    contain-intrinsic-size: auto 140px;
  }
  :host([linked]) .row { background: #fff4c2; box-shadow: inset 4px 0 0 #b45309; }
  :host(:focus-within) .row { background: #f3f7ff; box-shadow: inset 4px 0 0 #1d4ed8; }
  .row {
    display: grid;
    grid-template-columns: 88px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr);
    gap: 12px;
    padding: 10px 12px;
    align-items: start;
  }
  /* 200% zoom or a narrow window: a slimmer number column leaves the three text columns their width. */
  @media (max-width: 800px) {
    .row { grid-template-columns: 44px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr); gap: 8px; padding: 8px; }
    .meta .badge { font-size: 10.5px; padding: 0 3px; }
  }
  .meta { display: flex; flex-direction: column; gap: 4px; align-items: flex-start; font-size: 12px; }
  .num { font-weight: 600; color: #344054; }
  .badge { border-radius: 4px; padding: 1px 6px; font-size: 11.5px; line-height: 18px; border: 1px solid transparent; }
  .kind { background: #eef2f6; color: #1f2937; }
  .k-title, .k-heading { background: #e0e7ff; color: #312e81; }
  .k-lead { background: #dcfce7; color: #14532d; }
  .k-caption, .k-byline { background: #f3e8ff; color: #581c87; }
  .s-new { background: #f2f4f7; color: #344054; }
  .s-translated { background: #dbeafe; color: #1e3a8a; }
  .s-edited { background: #fef3c7; color: #78350f; }
  .s-approved { background: #d1fae5; color: #064e3b; }
  .s-failed { background: #fee2e2; color: #7f1d1d; }
  .origin-memory { background: #ccfbf1; color: #134e4a; border-color: #5eead4; white-space: nowrap; }
  .src, .mt { font-size: 14.5px; line-height: 1.5; white-space: pre-wrap; overflow-wrap: break-word; }
  .mt { color: #1f2937; }
  .muted { color: #667085; font-style: italic; }
  .s { border-radius: 3px; }
  .s.hl { background: #fde68a; }
  textarea {
    box-sizing: border-box; width: 100%; resize: vertical;

    font: inherit; font-size: 14.5px; line-height: 1.5; padding: 6px 8px;
    border: 1px solid #98a2b3; border-radius: 6px; background: #fff; color: #101828;
  }
  textarea:focus-visible, .btn:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
  .tools { display: flex; gap: 6px; align-items: center; margin-top: 4px; flex-wrap: wrap; }
  .save { font-size: 12px; color: #475467; margin-right: auto; min-width: 5em; }
  .save-dirty { color: #92400e; }
  .save-conflict, .save-error { color: #b42318; font-weight: 600; }
  .btn {
    font: inherit; font-size: 12.5px; padding: 3px 9px; border-radius: 5px; cursor: pointer;
    border: 1px solid #98a2b3; background: #fff; color: #1d2939;
  }
  .btn:disabled { opacity: 0.5; cursor: default; }
  .btn.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  .btn[aria-pressed='true'] { background: #e0e7ff; }
  .btn.primary.done { background: #d1fae5; border-color: #6ee7b7; color: #064e3b; opacity: 1; }
  .failed { color: #7f1d1d; background: #fef2f2; border: 1px solid #fecaca; padding: 6px 8px; border-radius: 6px; }
  .diff { margin-top: 6px; padding: 6px 8px; background: #f9fafb; border: 1px dashed #98a2b3; border-radius: 6px; white-space: pre-wrap; font-size: 14px; }
  ins { background: #d1fae5; color: #064e3b; text-decoration: none; }
  del { background: #fee2e2; color: #7f1d1d; }
  .ratio { display: block; font-size: 12px; color: #475467; margin-top: 4px; }
  .qa { margin: 6px 0 0; padding: 0; list-style: none; font-size: 12.5px; }
  .qa li { padding: 3px 6px; border-radius: 4px; margin-top: 2px; }
  .qa-error { background: #fee2e2; color: #7f1d1d; }
  .qa-warning { background: #fef3c7; color: #78350f; }
  .qa-info { background: #eef2f6; color: #1f2937; }
  .more summary { font-size: 12px; color: #344054; cursor: pointer; margin-top: 2px; }
  .qa-title { font-weight: 600; }
`;
