import { describe, expect, it } from 'vitest';
import { inlineText } from './inline.ts';
import { parseXml } from './xml-tree.ts';

const seg = (inner: string) => inlineText(parseXml(`<seg xmlns:x="urn:x">${inner}</seg>`, 'test'));

describe('the inline-code rule', () => {
  it.each([
    { name: 'TMX <hi> keeps its text in place', xml: 'Quan hệ <hi>hữu nghị</hi> truyền thống', want: 'Quan hệ hữu nghị truyền thống' },
    { name: 'XLIFF 1.2 <g> nested', xml: 'Tỉnh <g id="1">Hòa <g id="2">Bình</g></g> phát triển', want: 'Tỉnh Hòa Bình phát triển' },
    { name: 'paired codes inside a word vanish', xml: 'H<bpt i="1">&lt;b&gt;</bpt>ò<ept i="1">&lt;/b&gt;</ept>a Bình', want: 'Hòa Bình' },
    { name: 'a standalone placeholder between words is a space', xml: 'USD<ph x="1">&lt;tab/&gt;</ph>tăng', want: 'USD tăng' },
    { name: 'spaces around a dropped code collapse', xml: 'Hà Nội <x id="1"/> và <bx id="2"/> Huế', want: 'Hà Nội và Huế' },
    { name: 'a placeholder at the end adds nothing', xml: 'Sở Ngoại vụ<ph x="1">&lt;br/&gt;</ph>', want: 'Sở Ngoại vụ' },
    { name: 'equiv-text stands in for the code', xml: 'Giá<x id="1" equiv-text=" - "/>10%', want: 'Giá - 10%' },
    { name: 'XLIFF 2.0 equiv, sc/ec, mrk and cp', xml: '<sc id="1"/>Ngoại giao<ec startRef="1"/> <mrk id="m">nhân dân</mrk><ph id="2" equiv="…"/><cp hex="0009"/>2020', want: 'Ngoại giao nhân dân…\t2020' },
    { name: 'character references are decoded', xml: 'Đ&#x1ECD;c &#236; &amp; &lt;b&gt;', want: 'Đọc ì & <b>' },
    { name: 'text is NFC', xml: 'Ho\u0300a Bi\u0300nh', want: 'Hòa Bình' },
    { name: 'an element of another tool is transparent', xml: 'Tỉnh <x:mark>Hòa Bình</x:mark>', want: 'Tỉnh Hòa Bình' },
  ])('$name', ({ xml, want }) => expect(seg(xml)).toBe(want));
});
