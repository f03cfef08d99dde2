/**
 * Dates written out in words: "January 6, 2017", "6 January 2017", "in July 2017" (English) and
 * "ngày 6 tháng 1 năm 2017", "tháng 7" (Vietnamese). Numeric forms (6/1/2017) are read with the numbers. Pure.
 */

export interface DateQuantity {
  kind: 'date';
  day?: number;
  month?: number;
  year?: number;
  start: number;
  end: number;
  raw: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const monthOf = (name: string) => (name ? MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3))) + 1 : 0);

const EN_DATE = new RegExp(
  `(?<![\\p{L}])(?:(?<md>${MONTH_RE})\\s+(?<dd>\\d{1,2})(?!\\d)(?:st|nd|rd|th)?(?:,?\\s+(?<yy>\\d{4}))?|(?<d2>\\d{1,2})(?!\\d)(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<mm>${MONTH_RE})(?:,?\\s+(?<y3>\\d{4}))?|(?<m3>${MONTH_RE})(?:\\s+(?:of\\s+)?(?<y4>\\d{4}))?)(?![\\p{L}])`,
  'giu',
);
const VI_DATE = /(?<![\p{L}])(?:ngày\s+(?<d>\d{1,2})\s+)?tháng\s+(?<m>\d{1,2})(?:\s+năm\s+(?<y>\d{4}))?(?![\p{N}/])/giu;

/** Every date written with a month name or "tháng", in text order. */
export function extractWrittenDates(text: string, lang: 'vi' | 'en'): DateQuantity[] {
  const out: DateQuantity[] = [];
  // The date patterns are costly to try at every position; most sentences name no month at all.
  const mayHaveDate = lang === 'en' ? /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(text) : /tháng/iu.test(text);
  for (const m of mayHaveDate ? text.matchAll(lang === 'en' ? EN_DATE : VI_DATE) : []) {
    const g = m.groups!;
    const month = monthOf(g.md ?? g.mm ?? g.m3 ?? '') || Number(g.m ?? 0);
    // "May" alone is the verb far more often than the month.
    if (lang === 'en' && g.m3 && !g.y4 && /^may$/i.test(g.m3)) continue;
    const day = Number(g.dd ?? g.d2 ?? g.d ?? 0) || undefined;
    const year = Number(g.yy ?? g.y3 ?? g.y4 ?? g.y ?? 0) || undefined;
    if (month < 1 || month > 12 || (day !== undefined && day > 31)) continue;
    out.push({ kind: 'date', day, month, year, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  return out;
}
