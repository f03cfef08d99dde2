import { describe, expect, it } from 'vitest';
import { briefText, lines, move, segmentIdsFromNumbers } from './brief-edit.ts';

describe('brief editing helpers', () => {
  it.each([
    { name: 'up', from: 2, by: -1 as const, want: ['a', 'c', 'b'] },
    { name: 'down', from: 0, by: 1 as const, want: ['b', 'a', 'c'] },
    { name: 'past the top stays', from: 0, by: -1 as const, want: ['a', 'b', 'c'] },
    { name: 'past the end stays', from: 2, by: 1 as const, want: ['a', 'b', 'c'] },
  ])('move $name', ({ from, by, want }) => expect(move(['a', 'b', 'c'], from, by)).toEqual(want));

  it('reads typed segment numbers into ids and reports numbers with no segment', () => {
    const numbers = new Map([['s1', 1], ['s3', 3], ['s5', 5]]);
    expect(segmentIdsFromNumbers('3, 5 3; 9', numbers)).toEqual({ ids: ['s3', 's5'], unknown: [9] });
    expect(segmentIdsFromNumbers('', numbers)).toEqual({ ids: [], unknown: [] });
  });

  it('splits lines and writes a brief as comparable text', () => {
    expect(lines(' Hòa Bình \n\nHủa Phăn\n')).toEqual(['Hòa Bình', 'Hủa Phăn']);
    expect(briefText({ headline: 'H', summary: 'S', keyPoints: [{ text: 'K', segmentIds: [] }], people: [{ name: 'Trần Hồng Quang', role: 'Director' }], organisations: ['A', 'B'], places: [], figures: [{ value: '16', unit: 'projects', measure: 'FDI' }] }))
      .toBe('H\nS\n• K\nTrần Hồng Quang — Director\nA; B\n16 projects — FDI');
  });
});
