/** Styles of <wb-editor-view>. */
import { css } from 'lit';
import { sharedStyles } from '../components/shared-styles.ts';

export const editorStyles = [
  sharedStyles,
  css`
    :host { display: block; }
    .error { margin: 8px 16px; }
    .state { padding: 24px 16px; }
    /* Shown inside the sticky header: a fixed layer of its own made every scrolled frame repaint in software. */
    .unsaved { display: flex; gap: 12px; align-items: center; flex-wrap: wrap;
      background: #fef3f2; color: #7a271a; border-top: 2px solid #d92d20; padding: 8px 16px; font-size: 14px; }
    .body { display: grid; grid-template-columns: minmax(0, 1fr); }
    /* The brief sits beside the rows only where the three columns keep their width; otherwise it overlays them. */
    aside { border-left: 1px solid #d0d5dd; padding: 12px 14px; background: #fcfcfd; position: fixed; z-index: 25;
      top: 0; right: 0; bottom: 0; width: min(380px, 88vw); box-sizing: border-box; overflow: auto;
      box-shadow: -12px 0 32px rgba(16, 24, 40, 0.18); }
    .close-brief { float: right; }
    @media (min-width: 1200px) {
      .body.with-brief { grid-template-columns: minmax(0, 1fr) 340px; }
      aside { position: sticky; z-index: 1; top: var(--wb-head, 52px); align-self: start; width: auto; bottom: auto; max-height: calc(100vh - var(--wb-head, 52px)); box-shadow: none; }
      .close-brief { display: none; }
    }
    .cols { display: grid; grid-template-columns: 88px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr); gap: 12px;
      padding: 6px 12px; font-size: 12.5px; font-weight: 600; color: #344054; background: #f2f4f7; border-bottom: 1px solid #d0d5dd;
      position: sticky; top: var(--wb-head, 52px); z-index: 5; }
    @media (max-width: 800px) {
      .cols { grid-template-columns: 44px minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr); gap: 8px; padding: 6px 8px; }
    }
    .rows { background: #fff; }
  `,
];
