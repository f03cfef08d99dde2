import { execFileSync, spawnSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Article, Segment } from '../schemas/article.ts';
import { exportFilename, renderExport, type ExportBrief } from './export.ts';
import { mdEscape } from './export-markdown.ts';
import { docxText, unzip } from './export-unzip.ts';

function seg(index: number, kind: Segment['kind'], source: string, translation: string | null, status: Segment['status'] = 'approved'): Segment {
  return {
    id: `s${index}`, index, kind, source, sentences: [{ start: 0, end: source.length }], machineTranslation: translation, translation,
    status, version: 1, origin: 'model', error: null, qa: [], mtRun: null, updatedAt: '2026-11-27T06:00:00.000Z',
  };
}

const article: Article = {
  id: 'art_1',
  title: 'Hòa Bình đẩy mạnh công tác đối ngoại',
  status: 'in_review',
  createdAt: '2026-11-27T06:00:00.000Z',
  updatedAt: '2026-11-27T06:00:00.000Z',
  sourceFormat: 'text',
  originalName: null,
  conversions: [],
  removed: [],
  segments: [
    seg(0, 'title', 'Hòa Bình đẩy mạnh công tác đối ngoại', 'Hoa Binh steps up foreign affairs'),
    seg(1, 'lead', 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.', 'A delegation from Yamanashi (Japan) explored cooperation and investment in the province.'),
    seg(2, 'paragraph', '3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.', 'Over 3 years the province attracted 16 FDI projects worth 272.303 million USD.'),
    seg(3, 'paragraph', 'Tỉnh tiếp tục thực hiện các cam kết quốc tế.', null, 'new'),
    seg(4, 'byline', 'Bình Giang', 'Binh Giang'),
  ],
};

const brief: ExportBrief = {
  approved: true,
  version: 2,
  content: {
    headline: 'Hoa Binh draws 16 FDI projects in three years',
    summary: 'The province stepped up foreign affairs under Resolution 12-NQ/TU.',
    keyPoints: [{ text: '16 FDI projects worth 272.303 million USD', segmentIds: ['s2'] }],
    people: [{ name: 'Trần Hồng Quang', role: 'Director of the Department of Foreign Affairs' }],
    organisations: ['World Vision'],
    places: ['Hoa Binh', 'Yamanashi'],
    figures: [{ value: '272.303', unit: 'million USD', measure: 'total FDI capital', segmentId: 's2' }],
  },
};

const META = { exportedAt: '2026-11-29T10:00:00.000Z', final: false };
const withSeg = (i: number, patch: Partial<Segment>): Article => ({ ...article, segments: article.segments.map((s) => (s.index === i ? { ...s, ...patch } : s)) });

describe('markdown exports', () => {
  it('writes the English translation with the title segment as the heading, gaps marked, and source, date and status last', async () => {
    const f = await renderExport(article, null, 'translation', 'md', META);
    expect(f.contentType).toBe('text/markdown; charset=utf-8');
    expect(f.body).toBe([
      '# Hoa Binh steps up foreign affairs', '',
      '**A delegation from Yamanashi (Japan) explored cooperation and investment in the province.**', '',
      'Over 3 years the province attracted 16 FDI projects worth 272.303 million USD.', '',
      '[not translated]', '',
      '*Binh Giang*', '',
      '---', '',
      '*Source (Vietnamese): Hòa Bình đẩy mạnh công tác đối ngoại · Exported 2026-11-29 · Draft: 4 of 5 segments approved*', '',
    ].join('\n'));
  });

  it('marks a machine draft nobody reviewed', async () => {
    const f = await renderExport(withSeg(2, { status: 'translated' }), null, 'translation', 'md', META);
    expect(f.body).toContain('\\[machine translation, not reviewed\\] Over 3 years the province attracted 16 FDI projects worth 272.303 million USD.\n');
    expect(String(f.body).match(/machine translation/g)).toHaveLength(1);
  });

  it.each([
    { name: 'the translated title', a: article, brief: null, want: '# Hoa Binh steps up foreign affairs' },
    { name: "the brief's headline when the title is not translated", a: withSeg(0, { translation: null, machineTranslation: null, status: 'new' }), brief, want: '# Hoa Binh draws 16 FDI projects in three years' },
    { name: 'the first sentence of the translated lead without a brief', a: withSeg(0, { translation: null, machineTranslation: null, status: 'new' }), brief: null, want: '# A delegation from Yamanashi (Japan) explored cooperation and investment in the province.' },
    { name: 'never the Vietnamese title', a: { ...article, segments: article.segments.filter((s) => s.kind === 'paragraph' && s.translation === null) }, brief: null, want: '# Untitled (the title is not translated yet)' },
  ])('English title: $name', async ({ a, brief: b, want }) => {
    const f = await renderExport(a, b, 'translation', 'md', META);
    expect(String(f.body).split('\n')[0]).toBe(want);
    expect(f.filename).not.toMatch(/^hoa-binh-day-manh/);
  });

  it('writes the brief with segment references', async () => {
    const f = await renderExport(article, brief, 'brief', 'md', META);
    expect(f.body).toContain('- 16 FDI projects worth 272.303 million USD (segment 3)\n');
    expect(f.body).toContain('- **Trần Hồng Quang** — Director of the Department of Foreign Affairs\n');
    expect(f.body).toContain('| 272.303 million USD | total FDI capital |\n');
    expect(f.body).not.toContain('not yet approved');
    expect((await renderExport(article, { ...brief, approved: false }, 'brief', 'md')).body).toContain('> Draft: not yet approved.');
  });

  it('writes a bilingual table row per segment', async () => {
    const f = await renderExport(article, null, 'bilingual', 'md');
    expect(String(f.body).split('\n').filter((l) => /^\| \d/.test(l))).toEqual([
      '| 1 | Hòa Bình đẩy mạnh công tác đối ngoại | Hoa Binh steps up foreign affairs | approved |',
      '| 2 | Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta. | A delegation from Yamanashi (Japan) explored cooperation and investment in the province. | approved |',
      '| 3 | 3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD. | Over 3 years the province attracted 16 FDI projects worth 272.303 million USD. | approved |',
      '| 4 | Tỉnh tiếp tục thực hiện các cam kết quốc tế. | [not translated] | new |',
      '| 5 | Bình Giang | Binh Giang | approved |',
    ]);
  });

  it.each([
    { name: 'table pipe', input: 'A | B', want: 'A \\| B' },
    { name: 'emphasis', input: '*5 stars*', want: '\\*5 stars\\*' },
    { name: 'ordered list start', input: '1. Hợp tác', want: '1\\. Hợp tác' },
    { name: 'newline', input: 'a\nb', want: 'a b' },
    { name: 'strikethrough', input: 'giảm ~~10%~~ 12%', want: 'giảm \\~\\~10%\\~\\~ 12%' },
    { name: 'entity', input: 'Bản quyền &copy; Báo Hòa Bình &#236;', want: 'Bản quyền \\&copy; Báo Hòa Bình &\\#236;' },
    { name: 'pandoc math', input: 'giá $5$ và $10', want: 'giá \\$5\\$ và \\$10' },
    { name: 'pandoc superscript and subscript', input: 'm^2^ và H~2~O', want: 'm\\^2\\^ và H\\~2\\~O' },
    { name: 'pandoc citation and span', input: '@Bộ Ngoại giao {.x}', want: '\\@Bộ Ngoại giao \\{.x\\}' },
    { name: 'smart dash', input: '2017--2020', want: '2017-\\-2020' },
    { name: 'smart ellipsis', input: 'hết...', want: 'hết.\\.\\.' },
    { name: 'ordered list with parenthesis', input: '2) Hợp tác', want: '2\\) Hợp tác' },
    { name: 'definition list', input: ': Hợp tác', want: '\\: Hợp tác' },
  ])('mdEscape: $name', ({ input, want }) => expect(mdEscape(input)).toBe(want));

  // Article text with every Markdown and pandoc special, rendered by a CommonMark parser with GitHub's strikethrough
  // and tables: the paragraph's text must be the article text, character for character.
  const specials = [
    'Giảm ~~10%~~ còn 12% &copy; 2020 &#x1ECD; &amp; Co.',
    'Chi phí $5$ đến $10$, diện tích 20 m^2^ và H~2~O',
    '*Quan hệ* _hữu nghị_ `truyền thống` [Hòa Bình](http://x) <b>đậm</b> # 1 | 2 \\ cuối',
    '1. Hợp tác 2017--2020 @Lan {.class} !',
    '- gạch đầu dòng',
    '> trích dẫn',
    ': định nghĩa',
    '2) Hợp tác --- hết... "trích"',
    'Email lan@hoabinh.gov.vn và [@doe, p. 3]',
  ];
  it.each(specials)('mdEscape keeps the text under CommonMark: %s', (text) => {
    const html = new MarkdownIt().render(mdEscape(text));
    const rendered = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
    expect(rendered).toBe(text);
    // Pandoc reads ~ ^ $ @ and { } as markup unless backslash-escaped; every one of them must be.
    expect(mdEscape(text).match(/(?<!\\)[~^$@{}]/g)).toBeNull();
  });

  // Pandoc itself (Debian's pandoc, installed by .ci/run), with its default extensions: subscript, superscript,
  // strikeout, tex_math_dollars, citations, definition lists, fancy lists, smart punctuation.
  it.skipIf(!hasPandoc)('mdEscape keeps the text under pandoc: every special at once', () => {
    const md = specials.map(mdEscape).join('\n\n');
    const plain = execFileSync('pandoc', ['-f', 'markdown', '-t', 'plain', '--wrap=none'], { input: md, encoding: 'utf8' });
    // Pandoc's plain writer keeps the markup characters it parsed as text. Its smart typography (curly quotes, a
    // no-break space after abbreviations such as "p.") changes how text looks, not what it says, and is left alone.
    expect(plain.trim().replace(/\u00a0/g, ' ').split(/\n\n/)).toEqual(specials.map((s) => s.replace(/"([^"]*)"/g, '“$1”')));
  });
});

const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;

describe('docx exports', () => {
  it('makes a valid Word document holding the translation in order', async () => {
    const f = await renderExport(article, null, 'translation', 'docx');
    expect(f.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const files = unzip(f.body as Buffer);
    expect(files.has('[Content_Types].xml')).toBe(true);
    expect(docxText(files.get('word/document.xml')!.toString('utf8')).split('\n')).toEqual([
      'Hoa Binh steps up foreign affairs',
      'A delegation from Yamanashi (Japan) explored cooperation and investment in the province.',
      'Over 3 years the province attracted 16 FDI projects worth 272.303 million USD.',
      '[not translated]',
      'Binh Giang',
    ]);
  });

  it('sets the language of each run and has a footer with source, date and status', async () => {
    const f = await renderExport(withSeg(2, { status: 'translated' }), null, 'bilingual', 'docx', { exportedAt: '2026-11-29T10:00:00.000Z', final: false });
    const files = unzip(f.body as Buffer);
    const xml = files.get('word/document.xml')!.toString('utf8');
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]!);
    const langOf = (text: string) => /<w:lang w:val="([^"]+)"/.exec(runs.find((r) => r.includes(`>${text}<`))!)?.[1];
    expect(langOf('3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.')).toBe('vi-VN');
    expect(langOf('Over 3 years the province attracted 16 FDI projects worth 272.303 million USD.')).toBe('en-GB');
    expect(runs.every((r) => !r.includes('<w:t') || r.includes('<w:lang '))).toBe(true);
    expect(docxText(xml)).toContain('[machine translation, not reviewed] Over 3 years');
    const footerName = [...files.keys()].find((k) => /^word\/footer\d*\.xml$/.test(k))!;
    expect(docxText(files.get(footerName)!.toString('utf8'))).toBe('Source: Hòa Bình đẩy mạnh công tác đối ngoại · Exported 2026-11-29 · Draft: 3 of 5 segments approved');
  });

  it('puts both languages in a two-column table, landscape', async () => {
    const f = await renderExport(article, null, 'bilingual', 'docx');
    const xml = unzip(f.body as Buffer).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:orient="landscape"');
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(6);
    const text = docxText(xml);
    expect(text).toContain('3 năm qua, trong tỉnh thu hút được 16 dự án FDI với tổng vốn đầu tư 272,303 triệu USD.\nOver 3 years the province attracted 16 FDI projects worth 272.303 million USD.');
  });

  it('writes the brief document and refuses a brief export without a brief', async () => {
    const f = await renderExport(article, brief, 'brief', 'docx');
    const text = docxText(unzip(f.body as Buffer).get('word/document.xml')!.toString('utf8'));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Hoa Binh draws 16 FDI projects in three years',
      'The province stepped up foreign affairs under Resolution 12-NQ/TU.',
      'Key points',
    ]);
    expect(text).toContain('16 FDI projects worth 272.303 million USD (segment 3)');
    await expect(renderExport(article, null, 'brief', 'docx')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND', statusCode: 404 });
  });
});

describe('exportFilename', () => {
  it.each([
    { name: 'Vietnamese title folds to ASCII', title: 'Hòa Bình đẩy mạnh công tác đối ngoại', want: 'hoa-binh-day-manh-cong-tac-doi-ngoai-bilingual.docx' },
    { name: 'empty title falls back to the id', title: '…', want: 'art_1-bilingual.docx' },
  ])('$name', ({ title, want }) => expect(exportFilename({ id: 'art_1', title }, 'bilingual', 'docx')).toBe(want));
});
