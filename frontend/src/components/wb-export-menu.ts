/**
 * Download links for an article's exports: translation, brief and bilingual table, as .docx or Markdown; XLIFF 2.0 /
 * 1.2 and the memory as TMX for CAT tools; and the re-import of an XLIFF file edited elsewhere (its changes reach the
 * open rows through the article's live events).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { exportUrl, importXliff, TMX_URL, xliffUrl, type ExportKind } from '../api/exports.ts';
import { t } from '../lib/i18n.ts';
import { LangController } from '../lib/lang-controller.ts';
import type { MessageKey } from '../lib/messages.ts';
import { dropdownStyles, sharedStyles } from './shared-styles.ts';

const KINDS: Array<[ExportKind, MessageKey]> = [
  ['translation', 'exportTranslation'],
  ['brief', 'exportBrief'],
  ['bilingual', 'exportBilingual'],
];

@customElement('wb-export-menu')
export class WbExportMenu extends LitElement {
  static override styles = [sharedStyles, dropdownStyles, css`
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 600; font-size: 13px; padding: 4px 6px; }
    td { padding: 4px; }
    .interchange { display: flex; flex-wrap: wrap; gap: 6px; padding: 4px 6px; }
    .import { display: block; padding: 6px; font-weight: 400; }
    .result { font-size: 12.5px; margin: 4px 6px; }
  `];

  @property() articleId = '';
  @state() private importMessage = '';
  @state() private importError = '';

  private async onImport(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importMessage = '';
    this.importError = '';
    try {
      const r = await importXliff(this.articleId, file, file.name);
      this.importMessage = t('importXliffDone', { updated: r.updated.length, unchanged: r.unchanged, conflicts: r.conflicts.length, skipped: r.unknownIds.length + r.changedSources.length });
    } catch (err) {
      this.importError = (err as Error).message;
    } finally {
      input.value = '';
    }
  }

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
      </table>
      <h3 class="sr-only">${t('exportInterchange')}</h3>
      <div class="interchange" aria-label=${t('exportInterchange')}>
        <a class="btn small" data-export="xliff-2.0" href=${xliffUrl(this.articleId, '2.0')} download>${t('exportXliff2')}</a>
        <a class="btn small" data-export="xliff-1.2" href=${xliffUrl(this.articleId, '1.2')} download>${t('exportXliff12')}</a>
        <a class="btn small" data-export="tmx" href=${TMX_URL} download>${t('exportTmx')}</a>
      </div>
      <label class="import">${t('importXliff')}
        <input type="file" data-action="import-xliff" accept=".xlf,.xliff,.xml,application/x-xliff+xml" @change=${this.onImport}></label>
      ${this.importMessage ? html`<p class="result notice" role="status">${this.importMessage}</p>` : nothing}
      ${this.importError ? html`<p class="result error" role="alert">${this.importError}</p>` : nothing}
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wb-export-menu': WbExportMenu;
  }
}
