import { describe, expect, it } from 'vitest';
import { getPrompt, loadPrompts, parsePrompt, renderPrompt } from './prompts.ts';

const good = `---
id: demo
version: v1
description: A demo.
params:
  temperature: 0.1
inputVariables: [segment]
---
=== system ===
Translate.
=== user ===
<source>
{{segment}}
</source>
`;

describe('loadPrompts', () => {
  const prompts = loadPrompts();

  it('loads the shipped prompts with their refs', () => {
    expect([...prompts.keys()].sort()).toEqual(['brief@v1', 'judge@v1', 'translate@v1', 'translate@v2']);
  });

  it('gives each version its own content hash', () => {
    const v1 = getPrompt(prompts, 'translate@v1');
    const v2 = getPrompt(prompts, 'translate@v2');
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.hash).not.toBe(v2.hash);
    expect(v1.params.temperature).toBe(0.1);
    expect(v1.system).toContain('"790,84" as "790.84"');
    expect(v1.system).not.toContain('{{segment}}');
  });

  it('throws a coded error for an unknown ref', () => {
    expect(() => getPrompt(prompts, 'translate@v9')).toThrow(expect.objectContaining({ code: 'ERR_PROMPT_NOT_FOUND' }));
  });
});

describe('parsePrompt', () => {
  it('splits the sections and renders values once, without re-reading placeholders inside them', () => {
    const p = parsePrompt(good, '/x/demo/v1.md');
    expect(p.ref).toBe('demo@v1');
    expect(renderPrompt(p, { segment: 'Chào {{segment}} $& bạn' })).toEqual({
      system: 'Translate.',
      user: '<source>\nChào {{segment}} $& bạn\n</source>',
    });
  });

  it('changes the hash when one character changes', () => {
    expect(parsePrompt(good, '/x/demo/v1.md').hash).not.toBe(parsePrompt(good.replace('Translate.', 'Translate!'), '/x/demo/v1.md').hash);
  });

  it.each([
    { name: 'missing description', text: good.replace('description: A demo.\n', ''), why: /description/ },
    { name: 'temperature too high', text: good.replace('temperature: 0.1', 'temperature: 5'), why: /params\.temperature/ },
    { name: 'unknown key', text: good.replace('version: v1', 'version: v1\nauthor: x'), why: /Unrecognized key/ },
    { name: 'undeclared placeholder', text: good.replace('{{segment}}', '{{segment}} {{title}}'), why: /not in inputVariables: title/ },
    { name: 'unused variable', text: good.replace('[segment]', '[segment, title]'), why: /never used: title/ },
    { name: 'no user section', text: good.replace('=== user ===\n', ''), why: /"=== user ===" section/ },
    { name: 'file name differs from version', text: good, file: '/x/demo/v2.md', why: /must live in v1\.md/ },
  ])('rejects $name', ({ text, why, file }) => {
    expect(() => parsePrompt(text, file ?? '/x/demo/v1.md')).toThrow(why);
  });

  it('refuses to render with a value missing', () => {
    expect(() => renderPrompt(parsePrompt(good, '/x/demo/v1.md'), {})).toThrow(/missing values for segment/);
  });
});
