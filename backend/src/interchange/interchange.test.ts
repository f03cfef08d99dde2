import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../test/helpers/xsd.ts';
import type { Segment } from '../schemas/article.ts';
import { parseTermsCsv, type TermEntry } from '../text/terms.ts';
import { buildTbx, parseTbx } from './tbx.ts';
import { readTermsFile } from './terms-file.ts';
import { buildTmx, parseTmx } from './tmx.ts';
import { buildXliff, parseXliff, type XliffArticle } from './xliff.ts';

const validate = schemaErrors;

const starter = parseTermsCsv(readFileSync(new URL('../terminology/starter-termbase.csv', import.meta.url), 'utf8'));

describe('TBX', () => {
  const entries: TermEntry[] = [
    ...starter,
    { id: 'term-x', vi: 'tỉnh Hà Tây', en: 'Ha Tay Province', forbidden: ['Hatay', 'Ha Tay province <old>'], caseSensitive: true, validFrom: '1991-08-12', validTo: '2008-07-31', domain: 'place', note: 'merged into Hà Nội & "others"' },
  ];

  it('exports a termbase that validates against TBX-Basic', async () => {
    expect(await validate(buildTbx(entries), 'tbx-basic.xsd')).toEqual([]);
  });

  it('keeps the export valid when an imported id is not an XML name', async () => {
    const xml = buildTbx([{ ...starter[0]!, id: '42 a' }]);
    expect(xml).toContain('<termEntry id="t-42_a">');
    expect(await validate(xml, 'tbx-basic.xsd')).toEqual([]);
  });

  it('writes validity dates and case sensitivity as documented notes, not as descrip types TBX-Basic lacks', () => {
    const xml = buildTbx(entries);
    expect(xml).not.toMatch(/descrip type="(validFrom|validTo|caseSensitive)"/);
    expect(xml).toContain('<note>workbench:validFrom=1991-08-12</note>');
    expect(xml).toContain('<note>workbench:caseSensitive=true</note>');
  });

  it('still reads the descrip types an older export wrote', () => {
    const old = buildTbx([entries.at(-1)!]).replace('<note>workbench:validTo=2008-07-31</note>', '<descrip type="validTo">2008-07-31</descrip>');
    expect(parseTbx(old).entries[0]!.validTo).toBe('2008-07-31');
  });

  it('round-trips every field, including the starter termbase', () => {
    expect(parseTbx(buildTbx(entries))).toEqual({ entries, skipped: [] });
  });

  it('reads ntig/termGrp files from other tools and skips entries without both languages', () => {
    const xml = `<?xml version="1.0"?><martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
      <termEntry id="a"><langSet xml:lang="vi-VN"><ntig><termGrp><term>Bộ Ngoại giao</term></termGrp></ntig></langSet><langSet xml:lang="en-GB"><ntig><termGrp><term>Ministry of Foreign Affairs</term></termGrp></ntig></langSet></termEntry>
      <termEntry id="b"><langSet xml:lang="vi"><tig><term>Chỉ thị</term></tig></langSet></termEntry>
    </body></text></martif>`;
    expect(parseTbx(xml)).toEqual({ entries: [{ id: 'a', vi: 'Bộ Ngoại giao', en: 'Ministry of Foreign Affairs', forbidden: [], caseSensitive: false }], skipped: [{ index: 2, id: 'b', reason: 'no English (en) term' }] });
  });

  it('tells CSV from TBX by content and rejects broken XML with a coded error', () => {
    expect(readTermsFile('vi,en\nChỉ thị,Directive\n').format).toBe('csv');
    expect(readTermsFile(buildTbx(starter.slice(0, 2))).terms).toHaveLength(2);
    expect(() => parseTbx('<martif><text>')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_MALFORMED' }));
  });
});

describe('TMX', () => {
  const units = [
    { id: 'tu1', source: 'Tỉnh ủy Hòa Bình', target: 'Hoa Binh Provincial Party Committee', createdBy: 'lan', createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-03T03:04:05.000Z' },
    { id: 'tu2', source: 'chiếm 57% doanh nghiệp XNK <b>', target: '57 percent of import-export firms & "more"', createdBy: null, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' },
  ];

  it('exports TMX 1.4 that validates against the TMX schema', async () => {
    expect(await validate(buildTmx(units), 'tmx-1.4.xsd')).toEqual([]);
  });

  it('the schema check can fail: a header without its required attributes is refused', async () => {
    expect((await validate(buildTmx(units).replace(' srclang="vi"', ''), 'tmx-1.4.xsd')).join()).toContain('srclang');
  });

  it('round-trips provenance, props, notes and the article link, and the result still validates', async () => {
    const full = [{ id: 'tu9', source: 'Sở Ngoại vụ', target: 'Department of Foreign Affairs', createdBy: 'lan', createdAt: '2026-01-02T03:04:05.000Z', changedBy: 'hoa', updatedAt: '2026-02-02T03:04:05.000Z', articleId: 'art_1', segmentId: 'art_1-002', props: [{ type: 'x-client', value: 'UBND tỉnh' }], notes: ['Đã duyệt & gửi'] }];
    const xml = buildTmx(full);
    expect(parseTmx(xml)).toEqual({ units: full, skipped: [] });
    expect(await validate(xml, 'tmx-1.4.xsd')).toEqual([]);
  });

  it('round-trips source, target, who and when', () => {
    expect(parseTmx(buildTmx(units))).toEqual({ units, skipped: [] });
  });

  it('matches languages on the primary subtag, drops inline codes and skips one-sided units', () => {
    const xml = `<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="vi-VN" datatype="plaintext"/><body>
      <tu><tuv xml:lang="vi-VN"><seg>Sở Ngoại vụ<ph x="1">&lt;br/&gt;</ph></seg></tuv><tuv xml:lang="en-US"><seg>Department of Foreign Affairs</seg></tuv></tu>
      <tu><tuv xml:lang="vi"><seg>Chỉ có một bên</seg></tuv></tu></body></tmx>`;
    expect(parseTmx(xml)).toEqual({ units: [{ id: undefined, source: 'Sở Ngoại vụ', target: 'Department of Foreign Affairs', createdBy: null, createdAt: undefined, updatedAt: undefined }], skipped: [{ index: 2, reason: 'no English (en) variant' }] });
  });
});

const seg = (id: string, over: Partial<Segment>): XliffArticle['segments'][number] => ({ id, kind: 'paragraph', source: '', translation: null, status: 'new', qa: [], ...over });
const article: XliffArticle = {
  id: 'art_0000000001',
  title: 'Hòa Bình: đối ngoại 2017–2020',
  segments: [
    seg('art_0000000001-000', { kind: 'title', source: 'Đẩy mạnh công tác đối ngoại', translation: 'Promoting external relations work', status: 'approved' }),
    seg('art_0000000001-001', { source: 'Ngày 6/1/2017, BTV Tỉnh ủy ban hành Nghị quyết số 12-NQ/TU.', translation: 'On 1 June 2017 the Standing Board issued Resolution No. 12-NQ/TU.', status: 'translated', qa: [{ code: 'QA_DATE_SWAPPED', severity: 'error', message: '"6/1/2017" is day 6, month 1', span: null }] }),
    seg('art_0000000001-002', { source: 'chiếm 57% <doanh nghiệp> & "XNK"', translation: '57 percent of import-export firms', status: 'edited' }),
    seg('art_0000000001-003', { source: 'Bình Giang', status: 'new' }),
  ],
};

describe.each(['2.0', '1.2'] as const)('XLIFF %s', (version) => {
  const schema = version === '2.0' ? 'xliff-core-2.0.xsd' : 'xliff-core-1.2-strict.xsd';

  it('exports a file that validates against the XLIFF schema', async () => {
    expect(await validate(buildXliff(article, version), schema)).toEqual([]);
  });

  it('names each unit by its segment id: unique and stable, never the segment kind', () => {
    const xml = buildXliff(article, version);
    const names = [...xml.matchAll(version === '2.0' ? /<unit id="[^"]+" name="([^"]+)"/g : /resname="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(article.segments.map((s) => s.id));
  });

  it('the schema check can fail: an unknown state is refused', async () => {
    const broken = buildXliff(article, version).replace(/state="(final|translated)"/, 'state="done"');
    expect((await validate(broken, schema)).length).toBeGreaterThan(0);
  });

  it('reads back every unit with its id, source, target and status', () => {
    expect(parseXliff(buildXliff(article, version))).toEqual({
      version,
      units: article.segments.map((s) => ({ id: s.id, source: s.source, target: s.translation, status: version === '1.2' && s.status === 'translated' ? 'edited' : s.status })),
    });
  });
});

describe('parseXliff', () => {
  it('reads a CAT tool edit: new target and state final', () => {
    const edited = buildXliff(article, '2.0')
      .replace('On 1 June 2017', 'On 6 January 2017')
      .replace('state="translated" subState="wb:translated"', 'state="final" subState="wb:translated"');
    expect(parseXliff(edited).units[1]).toEqual({ id: 'art_0000000001-001', source: article.segments[1]!.source, target: 'On 6 January 2017 the Standing Board issued Resolution No. 12-NQ/TU.', status: 'approved' });
  });

  it('rejects a file that is not XLIFF 1.2 or 2.0', () => {
    expect(() => parseXliff('<xliff version="2.1"/>')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_MALFORMED' }));
    expect(() => parseXliff('<xliff')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_MALFORMED' }));
  });
});
