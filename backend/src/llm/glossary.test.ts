import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildTermIndex, parseTermsCsv } from '../text/terms.ts';
import { glossaryFor } from './glossary.ts';

const index = buildTermIndex(parseTermsCsv(fs.readFileSync(path.join(import.meta.dirname, '../terminology/starter-termbase.csv'), 'utf8')));

it('shows each entry once, in the form the segment uses, in text order', () => {
  const { glossary, terms } = glossaryFor(index, 'Ngày 6/1/2017, BTV Tỉnh ủy đã ban hành Nghị quyết số 12-NQ/TU. Ban Thường vụ Tỉnh ủy và BTV Tỉnh ủy họp.');
  expect(glossary.slice(0, 3)).toEqual([
    { vi: 'BTV Tỉnh ủy', en: 'Standing Board of the Provincial Party Committee' },
    { vi: 'Nghị quyết', en: 'Resolution' },
    { vi: 'Ban Thường vụ Tỉnh ủy', en: 'Standing Board of the Provincial Party Committee' },
  ]);
  expect(glossary).toHaveLength(3);
  expect(terms.map((t) => t.en)).toEqual(['Standing Board of the Provincial Party Committee', 'Resolution']);
});

it('gives nothing for a segment without terms', () => {
  expect(glossaryFor(index, 'Trời hôm nay đẹp.')).toEqual({ terms: [], glossary: [] });
});
