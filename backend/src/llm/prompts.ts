/**
 * Prompt files: `prompts/<id>/<version>.md`, YAML front matter plus a body with `=== system ===` and
 * `=== user ===` sections. Loaded once, validated with zod, and identified by a content hash so a run records
 * exactly which text it used.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { Errors } from '../errors.ts';

/** The repository's prompts/ folder. */
export const DEFAULT_PROMPTS_DIR = path.resolve(import.meta.dirname, '../../../prompts');

export const PromptFrontMatter = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string().regex(/^v\d+$/),
    description: z.string().min(1),
    params: z
      .object({
        temperature: z.number().min(0).max(2),
        maxTokens: z.number().int().positive().optional(),
      })
      .strict(),
    inputVariables: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)),
  })
  .strict();

export interface Prompt extends z.infer<typeof PromptFrontMatter> {
  /** `id@version`, e.g. `translate@v1`. */
  ref: string;
  /** sha256 of the whole file, hex. */
  hash: string;
  system: string;
  user: string;
  file: string;
}

export interface RenderedPrompt {
  system: string;
  user: string;
}

const SECTION = /^=== (system|user) ===$/m;
const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

/**
 * Parse and validate one prompt file's text.
 * @throws ERR_PROMPT_INVALID naming the file and what is wrong.
 */
export function parsePrompt(text: string, file: string): Prompt {
  const fail = (why: string) => new Errors.PromptInvalid(file, why);
  // gray-matter caches by content; a copy of the options object disables that so an edited file is re-read.
  const parsed = matter(text, {});
  const fm = PromptFrontMatter.safeParse(parsed.data);
  if (!fm.success) throw fail(fm.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const parts = parsed.content.split(SECTION);
  // split with a capture group gives ['', 'system', body, 'user', body]
  if (parts.length !== 5 || parts[1] !== 'system' || parts[3] !== 'user') throw fail('the body needs a "=== system ===" section, then a "=== user ===" section');
  const system = parts[2]!.trim();
  const user = parts[4]!.trim();
  const used = placeholders(`${system}\n${user}`);
  const declared = new Set(fm.data.inputVariables);
  const undeclared = [...used].filter((v) => !declared.has(v));
  const unused = [...declared].filter((v) => !used.has(v));
  if (undeclared.length) throw fail(`placeholders not in inputVariables: ${undeclared.join(', ')}`);
  if (unused.length) throw fail(`inputVariables never used: ${unused.join(', ')}`);
  const expected = `${fm.data.version}.md`;
  if (path.basename(file) !== expected && file.endsWith('.md')) throw fail(`version ${fm.data.version} must live in ${expected}`);
  return {
    ...fm.data,
    ref: `${fm.data.id}@${fm.data.version}`,
    hash: createHash('sha256').update(text).digest('hex'),
    system,
    user,
    file,
  };
}

/**
 * Load every `prompts/<id>/v<n>.md`, validated. Two files claiming the same ref, or a folder name that differs
 * from the file's id, are errors.
 */
export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Map<string, Prompt> {
  const out = new Map<string, Prompt>();
  for (const folder of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(dir, folder.name)).filter((f) => /^v\d+\.md$/.test(f)).sort()) {
      const file = path.join(dir, folder.name, name);
      const prompt = parsePrompt(fs.readFileSync(file, 'utf8'), file);
      if (prompt.id !== folder.name) throw new Errors.PromptInvalid(file, `id ${prompt.id} differs from its folder ${folder.name}`);
      out.set(prompt.ref, prompt);
    }
  }
  return out;
}

/**
 * The prompt for a ref such as `translate@v2`.
 * @throws ERR_PROMPT_NOT_FOUND
 */
export function getPrompt(prompts: Map<string, Prompt>, ref: string): Prompt {
  const p = prompts.get(ref);
  if (!p) throw new Errors.PromptNotFound(ref);
  return p;
}

/**
 * Fill the placeholders. Values are inserted as they are: escaping data is the chain's job.
 * @throws ERR_PROMPT_INVALID when a declared variable has no value.
 */
export function renderPrompt(prompt: Prompt, vars: Record<string, string>): RenderedPrompt {
  const missing = prompt.inputVariables.filter((v) => vars[v] === undefined);
  if (missing.length) throw new Errors.PromptInvalid(prompt.ref, `missing values for ${missing.join(', ')}`);
  const fill = (t: string) => t.replace(PLACEHOLDER, (_, name: string) => vars[name]!);
  return { system: fill(prompt.system), user: fill(prompt.user) };
}

/** What `GET /api/prompts` shows of a prompt. */
export function describePrompt(p: Prompt, active: boolean) {
  return { ref: p.ref, id: p.id, version: p.version, description: p.description, params: p.params, inputVariables: p.inputVariables, hash: p.hash, active };
}
