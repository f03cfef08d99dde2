import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv, toCsv } from './csv.ts';

describe('detectDelimiter', () => {
  it.each([
    { name: 'comma (English Excel, the export)', text: 'vi,en,note\nSở Y tế,Department of Health,', want: ',' },
    { name: 'semicolon (LibreOffice, Excel in a Vietnamese locale)', text: 'vi;en;note\r\nSở Y tế;Department of Health;"a, b"', want: ';' },
    { name: 'tab (Excel "Unicode Text")', text: 'vi\ten\nSở Y tế\tDepartment of Health', want: '\t' },
    { name: 'a quoted header field holding commas does not count', text: '"vi, tiếng Việt";en;note\n', want: ';' },
    { name: 'one column: comma', text: 'vi\nSở Y tế', want: ',' },
  ])('$name', ({ text, want }) => expect(detectDelimiter(text)).toBe(want));
});

describe('readCsv', () => {
  it('gives each row the line it starts on, across quoted CRLF line breaks and blank lines', () => {
    const { rows } = readCsv('\uFEFFvi;en\r\n"Hai\r\ndòng";x\r\n\r\nSở;y\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['vi', 'en'] },
      { line: 2, fields: ['Hai\ndòng', 'x'] },
      { line: 5, fields: ['Sở', 'y'] },
    ]);
  });

  it('throws with the line when a quote is never closed', () => {
    expect(() => readCsv('vi,en\n"Sở Y tế,Department of Health\n')).toThrow(/line/i);
  });

  it('writes what it reads, quoting delimiters of every dialect', () => {
    const rows = [['vi', 'en'], ['a;b', 'c\td'], ['"x"', ' y']];
    expect(readCsv(toCsv(rows)).rows.map((r) => r.fields)).toEqual(rows);
  });
});
