import { expect, it } from 'vitest';
import { costUsd } from './pricing.ts';

it.each([
  { model: 'gpt-4o-mini', tin: 1_000_000, tout: 0, want: 0.15 },
  { model: 'gpt-4o-mini-2024-07-18', tin: 1000, tout: 500, want: 0.00045 },
  { model: 'gpt-4o', tin: 2000, tout: 1000, want: 0.015 },
  { model: 'qwen2.5:7b', tin: 1000, tout: 1000, want: null },
  { model: 'gpt-4o-mini', tin: null, tout: 10, want: null },
])('$model $tin/$tout -> $want', ({ model, tin, tout, want }) => {
  expect(costUsd(model, tin, tout)).toBe(want);
});
