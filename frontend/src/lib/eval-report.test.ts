import { describe, expect, it } from 'vitest';
import { fmt, itemRows, qaTotal, sortItems, type EvalReport, type ReportItem } from './eval-report.ts';

const SRC = ['Đoàn công tác tỉnh Yamanashi (Nhật Bản) làm việc tại tỉnh ta.', 'Tỉnh thu hút 16 dự án FDI.', 'Sở Ngoại vụ tổ chức hội nghị.'];
const it_ = (id: string, k: number, hypothesis: string, chrfpp: number | undefined, extra: Partial<ReportItem> = {}): ReportItem => ({
  id, source: SRC[k], reference: `ref ${id}`, hypothesis, scores: chrfpp === undefined ? {} : { chrfpp }, qa: {}, ...extra,
});

const report: EvalReport = {
  dataset: { file: 'd.jsonl', items: 3 },
  comparisons: [],
  runs: [
    { label: 'A', prompt: 'translate@v1', model: 'm', repeat: 0, metrics: {}, items: [it_('x-10', 0, 'a0', 40), it_('x-2', 1, 'a1', 50), it_('x-1', 2, 'a2', 60)] },
    // a second repeat is not a candidate; B holds its items in another order and one failed
    { label: 'A #2', prompt: 'translate@v1', model: 'm', repeat: 1, metrics: {}, items: [it_('x-10', 0, 'r', 1)] },
    { label: 'B', prompt: 'translate@v2', model: 'm', repeat: 0, metrics: {}, items: [
      it_('x-1', 2, 'b2', 65, { qa: { numbers: 1 } }),
      it_('x-10', 0, 'b0', 70),
      it_('x-2', 1, '', undefined, { error: { code: 'ERR_MODEL', message: 'timeout' } }),
    ] },
  ],
};

describe('itemRows', () => {
  const rows = itemRows(report);

  it('matches candidates by id across runs, first repeats only', () => {
    expect(rows.map((r) => [r.id, r.candidates.map((c) => `${c.label}:${c.text}`)])).toEqual([
      ['x-10', ['A:a0', 'B:b0']],
      ['x-2', ['A:a1', 'B:']],
      ['x-1', ['A:a2', 'B:b2']],
    ]);
  });

  it('keeps scores, QA and errors, and measures the spread over scored candidates', () => {
    expect(rows[2]!.candidates[1]).toEqual({ label: 'B', text: 'b2', chrfpp: 65, qa: { numbers: 1 }, error: null, missing: false });
    expect(rows[1]!.candidates[1]).toMatchObject({ chrfpp: null, error: 'timeout' });
    expect(rows.map((r) => r.spread)).toEqual([30, 0, 5]);
    expect(rows[0]).toMatchObject({ source: SRC[0], reference: 'ref x-10', index: 0 });
  });

  it('marks an item a run does not have', () => {
    const short = { ...report, runs: [report.runs[0]!, { ...report.runs[2]!, items: [] }] };
    expect(itemRows(short)[0]!.candidates[1]).toMatchObject({ text: '', chrfpp: null, error: null, missing: true });
  });

  it('is empty for a report without items', () => {
    expect(itemRows({ ...report, runs: [{ label: 'A', prompt: 'p', model: 'm', repeat: 0, metrics: {} }] })).toEqual([]);
  });

  it.each([
    { name: 'dataset order', sort: 'order' as const, want: ['x-10', 'x-2', 'x-1'] },
    { name: 'largest difference first, ties in dataset order', sort: 'spread' as const, want: ['x-10', 'x-1', 'x-2'] },
    { name: 'id, numbers numerically', sort: 'id' as const, want: ['x-1', 'x-2', 'x-10'] },
  ])('sorts by $name', ({ sort, want }) => {
    expect(sortItems(rows, sort).map((r) => r.id)).toEqual(want);
    expect(rows.map((r) => r.id)).toEqual(['x-10', 'x-2', 'x-1']);
  });
});

describe('formatting', () => {
  it.each([
    { name: 'two decimals', x: 51.234, d: 2, want: '51.23' },
    { name: 'no decimals', x: 812.6, d: 0, want: '813' },
    { name: 'null', x: null, d: 2, want: '–' },
    { name: 'NaN', x: NaN, d: 2, want: '–' },
  ])('fmt $name', ({ x, d, want }) => expect(fmt(x, d)).toBe(want));

  it('totals QA issues', () => {
    expect(qaTotal({ numbers: 2, terms: 1 })).toBe(3);
    expect(qaTotal(undefined)).toBe(0);
  });
});
