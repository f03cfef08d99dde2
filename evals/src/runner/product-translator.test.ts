import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from '../../../backend/src/llm/prompts.ts';
import { promptFileHash } from './product-translator.ts';

describe('promptFileHash', () => {
  const loaded = loadPrompts(DEFAULT_PROMPTS_DIR);

  it.each(['translate@v1', 'translate@v2'])('%s: equals the hash the prompt loader records', (ref) => {
    expect(promptFileHash(DEFAULT_PROMPTS_DIR, ref)).toBe(loaded.get(ref)!.hash);
  });

  it.each(['translate@v99', 'translate', '../x@v1'])('%s: is ERR_PROMPT_NOT_FOUND', (ref) => {
    expect(() => promptFileHash(DEFAULT_PROMPTS_DIR, ref)).toThrow(expect.objectContaining({ code: 'ERR_PROMPT_NOT_FOUND' }));
  });
});
