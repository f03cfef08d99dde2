import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../test/helpers/xsd.ts';
import { buildXliff, parseXliff, type XliffArticle } from './xliff.ts';

const SOURCE = 'Năm 2019, tỉnh đón 12 đoàn khách quốc tế.  Hội hữu nghị Việt - Thái có 350 hội viên.';
const TARGET = 'In 2019 the province received 12 international delegations. The Vietnam-Thailand Friendship Association has 350 members.';
const article = (status: 'approved' | 'edited', target = TARGET): XliffArticle => ({
  id: 'art_0000000002',
  title: 'Hữu nghị',
  segments: [{ id: 'art_0000000002-000', kind: 'paragraph', source: SOURCE, translation: target, status, qa: [] }],
});

describe('XLIFF 2.0 sentence segments', () => {
  it('writes an approved paragraph with as many English sentences as one <segment> per sentence, valid and read back whole', async () => {
    const xml = buildXliff(article('approved'), '2.0');
    expect([...xml.matchAll(/<segment id="([^"]+)"[^>]*><source>([^<]*)<\/source>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['art_0000000002-000-s1', 'Năm 2019, tỉnh đón 12 đoàn khách quốc tế.  '],
      ['art_0000000002-000-s2', 'Hội hữu nghị Việt - Thái có 350 hội viên.'],
    ]);
    expect(xml).toContain('<target>In 2019 the province received 12 international delegations. </target>');
    expect(await schemaErrors(xml, 'xliff-core-2.0.xsd')).toEqual([]);
    expect(parseXliff(xml).units).toEqual([{ id: 'art_0000000002-000', source: SOURCE, target: TARGET, status: 'approved' }]);
  });

  it.each([
    { name: 'not approved yet', a: article('edited') },
    { name: 'English in one sentence', a: article('approved', 'In 2019 the province received 12 delegations and the association has 350 members.') },
  ])('keeps one <segment> for the paragraph when $name', ({ a }) => {
    expect(buildXliff(a, '2.0').match(/<segment /g)).toHaveLength(1);
  });
});
