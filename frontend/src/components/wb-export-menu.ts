/** Download links for an article's exports: translation, brief and bilingual table, as .docx or Markdown. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { exportUrl, type ExportKind } from '../api/exports.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { sharedStyles } from './shared-styles.ts';

const KINDS: Array<[ExportKind, MessageKey]> = [
  ['translation', 'exportTranslation'],
  ['brief', 'exportBrief'],
  ['bilingual', 'exportBilingual'],
];

@customElement('wb-export-menu')
export class WbExportMenu extends LitElement {
  static override styles = [sharedStyles, css`
    :host { position: relative; display: inline-block; }
    summary { list-style: none; }
    summary::-webkit-details-marker { display: none; }
    .menu { position: absolute; right: 0; top: calc(100% + 4px); z-index: 20; background: #fff; border: 1px solid #98a2b3;
      border-radius: 8px; padding: 8px; box-shadow: 0 8px 24px rgba(16, 24, 40, 0.18); min-width: 260px; }
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 600; font-size: 13px; padding: 4px 6px; }
    td { padding: 4px; }
  `];

  @property() articleId = '';

  constructor() {
    super();
    new LangController(this);
  }

  protected override render() {
    return html`<details>
      <summary class="btn">${t('exportHeading')} ▾</summary>
      <div class="menu"><table>
        ${KINDS.map(([kind, label]) => html`<tr><th scope="row">${t(label)}</th>
          <td><a class="btn small" data-export=${`${kind}-docx`} href=${exportUrl(this.articleId, 'docx', kind)} download>.docx</a></td>
          <td><a class="btn small" data-export=${`${kind}-md`} href=${exportUrl(this.articleId, 'md', kind)} download>.md</a></td></tr>`)}
        <tr><th scope="row">${t('exportFinal')}</th>
          <td><a class="btn small" data-export="final-docx" href=${`${exportUrl(this.articleId, 'docx', 'translation')}&final=true`} download>.docx</a></td>
          <td><a class="btn small" data-export="final-md" href=${`${exportUrl(this.articleId, 'md', 'translation')}&final=true`} download>.md</a></td></tr>
      </table></div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-export-menu': WbExportMenu;
  }
}
