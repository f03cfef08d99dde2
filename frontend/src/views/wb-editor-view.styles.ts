/** Styles of <wb-editor-view>. */
import { css } from 'lit';
import { sharedStyles } from '../components/shared-styles.ts';

export const editorStyles = [
  sharedStyles,
  css`
    :host { display: block; }
    .error { margin: 8px 16px; }
    .state { padding: 24px 16px; }
    .body { display: grid; grid-template-columns: minmax(0, 1fr); }
    .body.with-brief { grid-template-columns: minmax(0, 1fr) 340px; }
    aside { border-left: 1px solid #d0d5dd; padding: 12px 14px; background: #fcfcfd; position: sticky; top: var(--wb-head, 52px);
      align-self: start; max-height: calc(100vh - var(--wb-head, 52px)); overflow: auto; }
    .cols { display: grid; grid-template-columns: 88px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr); gap: 12px;
      padding: 6px 12px; font-size: 12.5px; font-weight: 600; color: #344054; background: #f2f4f7; border-bottom: 1px solid #d0d5dd;
      position: sticky; top: var(--wb-head, 52px); z-index: 5; }
    .rows { background: #fff; }
  `,
];
