/** QA issues in the interface language: a human title per code (the raw code stays for a tooltip) and the message. */
import { en, type MessageKey } from './messages.ts';
import { lang, t } from './i18n.ts';

/**
 * The title of a QA code ("Number changed" / "Số liệu bị thay đổi"); an unknown code gets a generic title.
 * @example qaTitle('QA_NUMBER_FORMAT') // 'Vietnamese number format'
 */
export function qaTitle(code: string): string {
  const key = `qaT_${code}`;
  return t((key in en ? key : 'qaT_other') as MessageKey);
}

type Issue = { code: string; message: string; params?: Record<string, string | number> };

/**
 * Vietnamese forms of the server's QA messages, one per message shape the checks write ($1.. are the quoted parts).
 * Only for issues saved before the checks sent `params` (segments keep their QA until edited); a shape not listed
 * here is shown as the server wrote it.
 */
const VI_MESSAGES: [RegExp, string][] = [
  [/^"(.*)" is not in the translation$/s, '"$1" không có trong bản dịch'],
  [/^"(.*)" is not in the source$/s, '"$1" không có trong bản gốc'],
  [/^"(.*)" is (.*) \(in Vietnamese a dot before three digits separates thousands\); the translation has "(.*)"$/s, '"$1" là $2 (trong tiếng Việt, dấu chấm trước ba chữ số phân cách hàng nghìn); bản dịch ghi "$3"'],
  [/^"(.*)" is in (\S+); the translation says (\S+)$/s, '"$1" tính bằng $2; bản dịch ghi $3'],
  [/^"(.*)" became "(.*)"$/s, '"$1" thành "$2" trong bản dịch'],
  [/^"(.*)" is written the Vietnamese way: in English write "(.*)"$/s, '"$1" viết theo kiểu Việt: tiếng Anh viết "$2"'],
  [/^"(.*)" is day (\d+), month (\d+); the translation has "(.*)" \(day and month swapped\)$/s, '"$1" là ngày $2 tháng $3; bản dịch ghi "$4" (đảo ngày và tháng)'],
  [/^"(.*)" should be rendered "(.*)"$/s, '"$1" cần dịch là "$2"'],
  [/^"(.*)" is not used for "(.*)": write "(.*)"$/s, 'Không dùng "$1" cho "$2": hãy viết "$3"'],
  [/^"(.*)" looks untranslated$/s, '"$1" có vẻ chưa được dịch'],
  [/^The translation is (\d+)% of the source length \(usually 70-115%\): something may be left out$/s, 'Bản dịch dài $1% so với bản gốc (thường 70-115%): có thể bị sót'],
  [/^The translation is (\d+)% of the source length \(usually 70-115%\): something may be added$/s, 'Bản dịch dài $1% so với bản gốc (thường 70-115%): có thể bị thêm'],
  [/^The source has (\d+) sentences, the translation (\d+)$/s, 'Bản gốc có $1 câu, bản dịch có $2 câu'],
  [/^The same source as segment (\d+) is translated differently$/s, 'Cùng bản gốc với đoạn $1 nhưng dịch khác'],
  [/^"(.*)" is written "(.*)" elsewhere in the article$/s, '"$1" được viết là "$2" ở chỗ khác trong bài'],
];

/**
 * A QA issue's message in the interface language: written from its code, `params.variant` and `params` when the
 * interface knows that shape, else from the English the server wrote.
 * @example qaMessage({ code: 'QA_NUMBER_MISSING', message: '"2" is not in the translation', params: { raw: '2' } }) // vi: '"2" không có trong bản dịch'
 */
export function qaMessage(issue: Issue): string {
  if (issue.params) {
    const { variant, ...values } = issue.params;
    const key = `qaM_${issue.code}${variant === undefined ? '' : `_${variant}`}`;
    // Every placeholder must be filled: a check that renamed a value falls back to its own words, not to "{raw}".
    if (key in en && [...en[key as MessageKey].matchAll(/\{(\w+)\}/g)].every((m) => m[1]! in values)) return t(key as MessageKey, values);
  }
  if (lang() !== 'vi') return issue.message;
  for (const [re, vi] of VI_MESSAGES) if (re.test(issue.message)) return issue.message.replace(re, vi);
  return issue.message;
}
