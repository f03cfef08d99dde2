/** Provider settings of the admin page. The API key is write-only: it is accepted here and never sent back. */
import { z } from 'zod';

export const ProviderSettings = z.object({
  baseUrl: z.string().nullable(),
  model: z.string(),
  concurrency: z.number().int(),
  timeoutMs: z.number().int(),
  priceInput: z.number().nullable(),
  priceOutput: z.number().nullable(),
  /** Whether a key is set (never the key itself). */
  apiKeySet: z.boolean(),
  /** Environment variables that set a value: they override what is saved here. */
  fromEnv: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const SaveProviderSettings = z
  .object({
    baseUrl: z.string().regex(/^https?:\/\/[^/\s]+/, 'must be an http:// or https:// URL').max(500).nullable().optional(),
    /** A new key; omit to keep the saved one, null to remove it. */
    apiKey: z.string().min(1).max(500).nullable().optional(),
    model: z.string().min(1).max(200).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    priceInput: z.number().min(0).nullable().optional(),
    priceOutput: z.number().min(0).nullable().optional(),
  })
  .strict();
export type SaveProviderSettings = z.infer<typeof SaveProviderSettings>;

export const ConnectionTest = z.object({ ok: z.boolean(), model: z.string(), latencyMs: z.number().int(), message: z.string() });
