import { describe, expect, it } from 'vitest';
import { countSourceWords, hasMajorError, MqmError, mqmPenalty, mqmScorePer1000 } from './mqm.ts';

describe('countSourceWords', () => {
  it.each([
    { name: 'Vietnamese syllables', text: 'Quan hệ hữu nghị truyền thống', words: 6 },
    { name: 'numbers count, lone punctuation does not', text: 'Đạt 790,84 triệu USD - tăng 12%', words: 6 },
    { name: 'empty', text: '   ', words: 0 },
  ])('$name', ({ text, words }) => expect(countSourceWords(text)).toBe(words));
});

describe('penalties', () => {
  it('weighs minor 1, major 5, critical 25', () => {
    expect(mqmPenalty([{ severity: 'minor' }, { severity: 'major' }, { severity: 'critical' }])).toBe(31);
  });
  it('normalises per 1,000 source words', () => {
    expect(mqmScorePer1000([{ severity: 'major' }, { severity: 'minor' }], 300)).toBe(20);
    expect(mqmScorePer1000([{ severity: 'major' }], 0)).toBe(0);
  });
  it('a major or critical error is a major error, a minor one is not', () => {
    expect(hasMajorError([{ severity: 'minor' }])).toBe(false);
    expect(hasMajorError([{ severity: 'minor' }, { severity: 'critical' }])).toBe(true);
  });
  it('refuses an unknown category', () => {
    expect(MqmError.safeParse({ category: 'accuracy/omission', severity: 'major' }).success).toBe(true);
    expect(MqmError.safeParse({ category: 'vibes', severity: 'major' }).success).toBe(false);
  });
});
