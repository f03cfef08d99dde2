/**
 * The numbers check: every quantity of the Vietnamese source must reach the English with the same value, and the
 * English must not carry quantities the source lacks. Compares values, not digit strings. Pure.
 */
import type { QaIssue } from '../schemas/article.ts';
import { extractQuantities, readDigits, vietnameseDigits, type DateQuantity, type NumberQuantity, type Quantity } from '../text/numbers.ts';
import { QA } from './codes.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Same value, or the English rounds the source to fewer decimals at its own scale ("272,303 triệu" -> "272.3 million"). */
export function sameQuantity(s: NumberQuantity, t: NumberQuantity): boolean {
  for (const v of s.values) {
    for (const w of t.values) {
      if (close(v, w)) return true;
      if (w !== 0 && t.decimals < 6 && close(round(v / t.scale, t.decimals), w / t.scale)) return true;
    }
  }
  return false;
}

function currencyClash(s: NumberQuantity, t: NumberQuantity): boolean {
  const money = (u: NumberQuantity['unit']) => u !== undefined && u !== 'percent';
  return money(s.unit) && money(t.unit) && s.unit !== t.unit;
}

/** Fields present on both sides agree, and a source day is not dropped; a year may be left to context. */
function sameDate(s: DateQuantity, t: DateQuantity): boolean {
  if (s.day !== undefined && t.day === undefined) return false;
  return (['day', 'month', 'year'] as const).every((k) => s[k] === undefined || t[k] === undefined || s[k] === t[k]);
}

function swappedDate(s: DateQuantity, t: DateQuantity): boolean {
  return s.day !== undefined && s.day !== s.month && s.day === t.month && s.month === t.day && (s.year === undefined || t.year === undefined || s.year === t.year);
}

/** Codes compare without case, dash variants or diacritics: "15/2020/NĐ-CP" is written "15/2020/ND-CP" in English. */
const dashes = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-');
const isNumber = (q: Quantity): q is NumberQuantity => q.kind === 'number';
const isDate = (q: Quantity): q is DateQuantity => q.kind === 'date';
const dateParts = (qs: Quantity[]) => new Set(qs.filter(isDate).flatMap((d) => [d.day, d.month, d.year]).filter((n) => n !== undefined));

/**
 * An English number written in the Vietnamese convention ("790,84", "1.500.000"), with its English spelling and the
 * quantity read as meant. "1.000" is also a right English decimal: it counts only when the source has 1,000 and not 1.
 */
function vietnameseFormat(q: NumberQuantity, srcNums: NumberQuantity[]): { english: string; quantity: NumberQuantity } | null {
  if (q.soft || !q.digits) return null;
  const vn = vietnameseDigits(q.digits);
  if (!vn) return null;
  const { values, decimals } = readDigits(q.digits, 'vi');
  const quantity = { ...q, values: values.slice(0, 1).map((v) => v * q.scale), decimals };
  if (vn.ambiguous && (srcNums.some((s) => sameQuantity(s, q)) || !srcNums.some((s) => sameQuantity(s, quantity)))) return null;
  return { english: vn.english, quantity };
}

/** "1.500" (one thousand five hundred) rendered as 1.5: the Vietnamese thousands dot read as a decimal point. */
function thousandsAsDecimal(s: NumberQuantity, t: NumberQuantity): boolean {
  if (!s.digits || !/^\d{1,3}(?:\.\d{3})+$/.test(s.digits)) return false;
  const misread = readDigits(s.digits, 'en').values[0]! * s.scale;
  return t.values.some((w) => close(w, misread));
}

/**
 * Compare the quantities of a Vietnamese source and its English translation.
 * Counting is by distinct value: "2 tỉnh ... 2 tỉnh" rendered once as "both provinces" is fine.
 * @example checkNumbers('Ngày 6/1/2017', 'On 1 June 2017') // [{code: 'QA_DATE_SWAPPED', ...}]
 */
export function checkNumbers(source: string, translation: string): QaIssue[] {
  const src = extractQuantities(source, 'vi');
  const srcNums = src.filter(isNumber);
  const issues: QaIssue[] = [];
  const span = (side: 'source' | 'translation', q: Quantity) => ({ side, start: q.start, end: q.end });
  const tgt = extractQuantities(translation, 'en').map((q): Quantity => {
    const fixed = isNumber(q) ? vietnameseFormat(q, srcNums) : null;
    if (!fixed || !isNumber(q)) return q;
    issues.push({ code: QA.NUMBER_FORMAT, severity: 'error', message: `"${q.digits}" is written the Vietnamese way: in English write "${fixed.english}"`, params: { digits: String(q.digits), english: fixed.english }, span: span('translation', q) });
    // Compared from here on at the value meant, so the same figure is not reported again as changed.
    return fixed.quantity;
  });
  const lostSrc: Quantity[] = [];
  const lostTgt: Quantity[] = [];
  const usedTgtDates = new Set<Quantity>();
  const tgtNums = tgt.filter(isNumber);
  const tgtDateParts = dateParts(tgt);
  const srcDateParts = dateParts(src);

  for (const sd of src.filter(isDate)) {
    const same = tgt.find((t): t is DateQuantity => isDate(t) && sameDate(sd, t));
    if (same) {
      usedTgtDates.add(same);
      continue;
    }
    const swapped = tgt.find((t): t is DateQuantity => isDate(t) && swappedDate(sd, t));
    if (swapped) {
      usedTgtDates.add(swapped);
      issues.push({ code: QA.DATE_SWAPPED, severity: 'error', message: `"${sd.raw}" is day ${sd.day}, month ${sd.month}; the translation has "${swapped.raw}" (day and month swapped)`, params: { source: sd.raw, day: String(sd.day), month: String(sd.month), translation: swapped.raw }, span: span('translation', swapped) });
      continue;
    }
    lostSrc.push(sd);
  }
  for (const sc of src.filter((q) => q.kind === 'code')) {
    if (!dashes(translation).includes(dashes(sc.raw))) {
      issues.push({ code: QA.NUMBER_MISSING, severity: 'error', message: `"${sc.raw}" is not in the translation`, params: { raw: sc.raw }, span: span('source', sc) });
    }
  }
  for (const sn of srcNums) {
    if (tgtNums.some((t) => sameQuantity(sn, t))) {
      const clash = tgtNums.find((t) => sameQuantity(sn, t) && currencyClash(sn, t));
      if (clash) issues.push({ code: QA.NUMBER_CHANGED, severity: 'error', message: `"${sn.raw}" is in ${sn.unit}; the translation says ${clash.unit}`, params: { variant: 'unit', raw: sn.raw, unit: String(sn.unit), other: String(clash.unit) }, span: span('translation', clash) });
      continue;
    }
    const v = sn.values[0]!;
    // A year or day already written inside an English date; "1" often becomes "a"; soft numbers are optional.
    if (sn.values.some((x) => tgtDateParts.has(x)) || sn.soft || (v === 1 && sn.scale === 1)) continue;
    lostSrc.push(sn);
  }
  for (const tn of tgtNums) {
    if (tn.soft || srcNums.some((s) => sameQuantity(s, tn)) || tn.values.some((x) => srcDateParts.has(x))) continue;
    lostTgt.push(tn);
  }
  const fractionDates = srcNums.flatMap((s) => (s.asDate ? [s.asDate] : []));
  for (const td of tgt.filter(isDate)) {
    if (usedTgtDates.has(td) || fractionDates.some((f) => f.day === td.day && f.month === td.month)) continue;
    const known = (n: number | undefined) => n === undefined || srcDateParts.has(n) || srcNums.some((s) => s.values.includes(n));
    if (!known(td.day) || !known(td.year)) lostTgt.push(td);
  }

  // A lost source quantity and an unexplained English one side by side are one change, not two problems.
  const pairs = Math.min(lostSrc.length, lostTgt.length);
  for (let i = 0; i < pairs; i++) {
    const s = lostSrc[i]!;
    const t = lostTgt[i]!;
    const thousands = isNumber(s) && isNumber(t) && thousandsAsDecimal(s, t);
    const message = thousands
      ? `"${s.raw}" is ${s.values[0]!.toLocaleString('en-GB')} (in Vietnamese a dot before three digits separates thousands); the translation has "${t.raw}"`
      : `"${s.raw}" became "${t.raw}"`;
    const params: Record<string, string> = thousands
      ? { variant: 'thousands', source: s.raw, value: s.values[0]!.toLocaleString('en-GB'), translation: t.raw }
      : { variant: 'became', source: s.raw, translation: t.raw };
    issues.push({ code: QA.NUMBER_CHANGED, severity: 'error', message, params, span: span('translation', t) });
  }
  for (const s of lostSrc.slice(pairs)) {
    const smallCount = isNumber(s) && s.scale === 1 && !s.unit && s.decimals === 0 && s.values[0]! <= 10;
    issues.push({ code: QA.NUMBER_MISSING, severity: smallCount ? 'warning' : 'error', message: `"${s.raw}" is not in the translation`, params: { raw: s.raw }, span: span('source', s) });
  }
  for (const t of lostTgt.slice(pairs)) {
    issues.push({ code: QA.NUMBER_INVENTED, severity: 'error', message: `"${t.raw}" is not in the source`, params: { raw: t.raw }, span: span('translation', t) });
  }
  return issues;
}
