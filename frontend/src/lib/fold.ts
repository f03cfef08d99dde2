/** Text folding for search: case and Vietnamese diacritics ignored, so "huu nghi" finds "hữu nghị". */

/**
 * Lower case without diacritics (tone and vowel marks dropped, đ read as d).
 * @example fold('Hữu Nghị Đoàn') === 'huu nghi doan'
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
