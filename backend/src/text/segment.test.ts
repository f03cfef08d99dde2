import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from './clean.ts';
import { splitParagraphs } from './normalise.ts';
import type { Paragraph } from './paragraph.ts';
import { bylineSignal, captionSignals, classifyParagraphs, segmentParagraphs } from './segment.ts';
import { sentenceSpans } from './sentences.ts';

const sample = readFileSync(new URL('../../test/fixtures/hoabinh-doi-ngoai-2020.txt', import.meta.url), 'utf8');
const article = cleanParagraphs(splitParagraphs(sample)).paragraphs;
const LEAD = article[0]!.text;
const CAPTION = 'Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc, tìm hiểu cơ hội hợp tác, đầu tư vào tỉnh ta.';
const BODY = article[2]!.text;
const texts = (spans: { start: number; end: number }[], s: string) => spans.map((x) => s.slice(x.start, x.end));

describe('sentenceSpans', () => {
  it.each([
    { name: 'two sentences', input: 'Tỉnh ta đẹp. Hòa Bình giàu.', expected: ['Tỉnh ta đẹp.', 'Hòa Bình giàu.'] },
    { name: 'TP. abbreviation', input: 'Đoàn đến TP. Hòa Bình hôm qua. Sau đó về.', expected: ['Đoàn đến TP. Hòa Bình hôm qua.', 'Sau đó về.'] },
    { name: 'Q. abbreviation', input: 'Trụ sở ở Q. Ba Đình. Tỉnh ta.', expected: ['Trụ sở ở Q. Ba Đình.', 'Tỉnh ta.'] },
    { name: 'academic titles', input: 'PGS.TS. Trần Văn B phát biểu. Hết.', expected: ['PGS.TS. Trần Văn B phát biểu.', 'Hết.'] },
    { name: 'initial in a name', input: 'Ông Nguyễn V. An nói. Hết.', expected: ['Ông Nguyễn V. An nói.', 'Hết.'] },
    { name: 'T.Ư inside a sentence', input: 'các quy định của T.Ư về công tác đối ngoại. Tiếp.', expected: ['các quy định của T.Ư về công tác đối ngoại.', 'Tiếp.'] },
    { name: 'resolution number', input: 'Nghị quyết số 12-NQ/TU về đối ngoại. Những năm qua.', expected: ['Nghị quyết số 12-NQ/TU về đối ngoại.', 'Những năm qua.'] },
    { name: 'no final stop', input: 'Bình Giang', expected: ['Bình Giang'] },
    { name: 'empty', input: '', expected: [] },
  ])('$name', ({ input, expected }) => {
    expect(texts(sentenceSpans(input), input)).toEqual(expected);
  });

  it('splits the sample lead into its two sentences, keeping the dateline, T.Ư and 12-NQ/TU inside', () => {
    const spans = sentenceSpans(LEAD);
    expect(spans).toHaveLength(2);
    expect(LEAD.slice(spans[0]!.start, spans[0]!.end)).toMatch(/^\(HBĐT\) - Ngày 6\/1\/2017, .* số 12-NQ\/TU .* giai đoạn 2016 – 2020\.$/u);
    expect(LEAD.slice(spans[1]!.start, spans[1]!.end)).toMatch(/^Những năm qua, .* của T\.Ư về .* nói riêng\.$/u);
    expect(spans[1]!.end).toBe(LEAD.length);
  });
});

describe('captionSignals and bylineSignal', () => {
  it('explains why the sample photo caption is one', () => {
    const i = article.findIndex((p) => p.text === CAPTION);
    expect(i).toBe(1);
    expect(captionSignals(article, i)).toEqual(['after an image gap', 'shorter than neighbours', 'photo-scene words']);
  });

  it.each([
    { name: 'a short body sentence with no photo sign', text: 'Tỉnh ta có 45 doanh nghiệp hoạt động trong lĩnh vực này.', gap: false, expected: ['shorter than neighbours'] },
    { name: 'a connective opening', text: 'Tuy nhiên, đoàn đã làm việc với tỉnh.', gap: true, expected: [] },
    { name: 'two sentences', text: 'Đoàn làm việc với tỉnh. Hai bên ký kết.', gap: true, expected: [] },
    { name: 'a narrative sentence', text: 'Đoàn đã làm việc với tỉnh về đầu tư.', gap: true, expected: [] },
    { name: '"trao đổi" is not a photo scene', text: 'Hai tỉnh trao đổi kinh nghiệm về du lịch.', gap: false, expected: ['shorter than neighbours'] },
    { name: '"Trước đó" opens a body sentence', text: 'Trước đó, đoàn tiếp đón khách tại tỉnh.', gap: true, expected: [] },
    { name: 'a photo credit', text: 'Quang cảnh hội nghị (Ảnh: Bình Giang)', gap: false, expected: ['shorter than neighbours', 'photo-scene words', 'photo credit', 'photo credit'] },
  ])('$name', ({ text, gap, expected }) => {
    const ps: Paragraph[] = [{ text: BODY }, { text, afterGap: gap }, { text: BODY }];
    expect(captionSignals(ps, 1)).toEqual(expected);
  });

  it.each([
    { text: 'Bình Giang', expected: 'name-like last line' },
    { text: 'Theo TTXVN', expected: 'byline prefix' },
    { text: 'Bài và ảnh: Minh Châu', expected: 'byline prefix' },
    { text: 'Nguyễn Văn A (TTXVN)', expected: 'name-like last line' },
    { text: 'Theo kế hoạch, tỉnh sẽ làm tiếp.', expected: null },
    { text: 'tỉnh ta sẽ tiếp tục', expected: null },
  ])('byline "$text"', ({ text, expected }) => {
    expect(bylineSignal([{ text: BODY }, { text }], 1)).toBe(expected);
  });
});

describe('classifyParagraphs', () => {
  it('gives the sample its lead, caption, body and byline', () => {
    expect(classifyParagraphs(article)).toEqual([
      'lead', 'caption', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'byline',
    ]);
  });

  it.each([
    { name: 'a typed headline before the lead', ps: [{ text: 'Hòa Bình đẩy mạnh đối ngoại' }, { text: LEAD }], expected: ['heading', 'lead'] },
    { name: 'a single paragraph is the lead', ps: [{ text: 'Tỉnh ta.' }], expected: ['lead'] },
    { name: 'stated kinds are kept', ps: [{ text: 'Mục 1', kind: 'heading' as const }, { text: LEAD }, { text: 'Ảnh', kind: 'caption' as const }], expected: ['heading', 'lead', 'caption'] },
    { name: 'a sub-heading between paragraphs', ps: [{ text: LEAD }, { text: 'Kinh tế đối ngoại khởi sắc' }, { text: BODY }], expected: ['lead', 'heading', 'paragraph'] },
    { name: 'a quoted sentence is no heading', ps: [{ text: LEAD }, { text: '“Chúng tôi sẽ tiếp tục hợp tác.”' }, { text: BODY }], expected: ['lead', 'paragraph', 'paragraph'] },
  ])('$name', ({ ps, expected }) => {
    expect(classifyParagraphs(ps)).toEqual(expected);
  });
});

describe('segmentParagraphs', () => {
  it('puts a given title first and numbers the segments', () => {
    const segments = segmentParagraphs([{ text: 'Tỉnh ta. Hòa Bình.' }, { text: 'Bình Giang' }], 'Đối ngoại Hòa Bình');
    expect(segments).toEqual([
      { index: 0, kind: 'title', source: 'Đối ngoại Hòa Bình', sentences: [{ start: 0, end: 18 }] },
      { index: 1, kind: 'lead', source: 'Tỉnh ta. Hòa Bình.', sentences: [{ start: 0, end: 8 }, { start: 9, end: 18 }] },
      { index: 2, kind: 'byline', source: 'Bình Giang', sentences: [{ start: 0, end: 10 }] },
    ]);
  });
});
