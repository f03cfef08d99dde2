import { describe, expect, it } from 'vitest';
import { qaCounts } from './score-item.ts';
import { createProductQa } from './product-qa.ts';

const qa = createProductQa();

// a real line of the Hoa Binh foreign-affairs article
const SOURCE = 'Năm 2020, kim ngạch xuất khẩu của tỉnh đạt 790,84 triệu USD.';

describe('createProductQa', () => {
  it.each([
    { name: 'a faithful translation has no issue', hyp: "In 2020, the province's export turnover reached USD 790.84 million.", codes: {} },
    { name: 'a changed figure is counted', hyp: "In 2020, the province's export turnover reached USD 790 million.", codes: { QA_NUMBER_CHANGED: 1 } },
  ])('$name', ({ hyp, codes }) => {
    const counts = qaCounts(qa, SOURCE, hyp);
    for (const [code, n] of Object.entries(codes)) expect(counts[code]).toBe(n);
    if (Object.keys(codes).length === 0) expect(counts).toEqual({});
  });
});
