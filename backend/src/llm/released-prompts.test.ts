import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from './prompts.ts';

/**
 * prompts/released.json holds the content hash of every released prompt version. A released file is never edited:
 * a change is a new version, added to the list when it is released.
 */
const released = JSON.parse(fs.readFileSync(path.join(DEFAULT_PROMPTS_DIR, 'released.json'), 'utf8')) as Record<string, string>;
const prompts = loadPrompts();

describe('released prompt versions', () => {
  it.each(Object.entries(released))('%s is unchanged since its release', (ref, hash) => {
    expect(prompts.get(ref)?.hash, `${ref} was edited after release: restore it and put the change in a new version`).toBe(hash);
  });

  it('lists every prompt version in the folder', () => {
    expect([...prompts.keys()].sort()).toEqual(Object.keys(released).sort());
  });
});
