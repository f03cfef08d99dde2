/** Human titles for QA issue codes in the interface language; the raw code stays available for a tooltip. */
import { en, type MessageKey } from './messages.ts';
import { t } from './i18n.ts';

/**
 * The title of a QA code ("Number changed" / "Số liệu bị thay đổi"); an unknown code gets a generic title.
 * @example qaTitle('QA_NUMBER_FORMAT') // 'Vietnamese number format'
 */
export function qaTitle(code: string): string {
  const key = `qaT_${code}`;
  return t((key in en ? key : 'qaT_other') as MessageKey);
}
