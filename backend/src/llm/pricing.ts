/**
 * Published prices (USD per million tokens, input/output) for models whose price is known, so each run can
 * record its cost. Local models and unknown names cost null, not zero: "unknown" must not read as "free".
 */
const PRICES: Record<string, { input: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
};

/**
 * Cost of one call in USD, or null when the model's price or the token counts are unknown.
 * Dated snapshots ("gpt-4o-mini-2024-07-18") are priced as their family.
 * @example costUsd('gpt-4o-mini', 1_000_000, 0) // 0.15
 */
export function costUsd(model: string, tokensIn: number | null, tokensOut: number | null, priced?: { input: number; output: number }): number | null {
  if (tokensIn === null || tokensOut === null) return null;
  // Prices set by the office (admin page or WORKBENCH_PRICE_*) win over the published table.
  const price = priced ?? PRICES[model] ?? PRICES[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price) return null;
  return Math.round(((tokensIn * price.input + tokensOut * price.output) / 1e6) * 1e8) / 1e8;
}
