/**
 * The launcher's bundle cache must run the code of the checkout it is in: copies and moves bring their cache along,
 * and an edit may keep a file's size and mtime. Each test lays out a tiny project (the real scripts/run-ts.mjs, an
 * entry importing one module, node_modules/esbuild linked to the real one) in a temporary folder and runs it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A minimal checkout whose entry prints its module's message and where it thinks it lives. */
function project(message: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-')));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(repo, 'scripts/run-ts.mjs'), path.join(dir, 'scripts/run-ts.mjs'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(fs.realpathSync(path.join(repo, 'node_modules/esbuild')), path.join(dir, 'node_modules/esbuild'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/main.ts'), "import { message } from './message.ts';\nconsole.log(`${message} @ ${import.meta.dirname}`);\n");
  setMessage(dir, message);
  return dir;
}

function setMessage(dir: string, message: string) {
  fs.writeFileSync(path.join(dir, 'src/message.ts'), `export const message: string = '${message}';\n`);
}

/** Run the project's launcher from inside it; returns what the entry printed and whether the bundle was reused. */
function launch(dir: string): { out: string; reused: boolean } {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/main.ts'], { cwd: dir, env: { ...process.env, RUN_TS_TIMING: '1' }, encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return { out: r.stdout.trim(), reused: /^run-ts: reused /m.test(r.stderr) };
}

/** A package in `dir`'s node_modules: an ES module exporting `version`, depending on `dependencies`. */
function setPackage(dir: string, name: string, version: string, dependencies: Record<string, string> = {}) {
  const pkg = path.join(dir, 'node_modules', name);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, version, type: 'module', exports: './index.js', dependencies }));
  fs.writeFileSync(path.join(pkg, 'index.js'), `export const version = '${name} ${version}';\n`);
}

/** A checkout whose eval entry (evals/src/main.ts, which bundles zod) prints the versions of the packages it imports. */
function evalProject(imports: string[]): string {
  const dir = project('unused');
  fs.mkdirSync(path.join(dir, 'evals/src'), { recursive: true });
  const lines = imports.map((name, i) => `import { version as v${i} } from '${name}';`);
  fs.writeFileSync(path.join(dir, 'evals/src/main.ts'), `${lines.join('\n')}\nconsole.log([${imports.map((_, i) => `v${i}`).join(', ')}].join(', '));\n`);
  return dir;
}

function launchEval(dir: string) {
  return spawnSync(process.execPath, ['scripts/run-ts.mjs', 'evals/src/main.ts'], { cwd: dir, env: { ...process.env, RUN_TS_TIMING: '1' }, encoding: 'utf8', timeout: 30_000 });
}

/** The hashes the launcher records for the sources of `dir`, as it would record them. */
function hashesOf(dir: string): Record<string, string> {
  return Object.fromEntries(['scripts/run-ts.mjs', 'src/main.ts', 'src/message.ts'].map((rel) => [rel, createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('base64url')]));
}

const cacheOf = (dir: string) => path.join(dir, 'node_modules/.cache');

describe('scripts/run-ts.mjs bundle cache', () => {
  it('reuses its bundle while nothing changed, and rebuilds when a source changes but keeps its size and mtime', () => {
    const a = project('alpha one');
    // A whole-second mtime, so it can be put back exactly after the edit.
    const file = path.join(a, 'src/message.ts');
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(launch(a)).toEqual({ out: `alpha one @ ${a}/src`, reused: false });
    expect(launch(a)).toEqual({ out: `alpha one @ ${a}/src`, reused: true });
    const before = fs.statSync(file);
    setMessage(a, 'alpha two');
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const after = fs.statSync(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(launch(a)).toEqual({ out: `alpha two @ ${a}/src`, reused: false });
  });

  it('runs its own code when another checkout\'s cache was copied in and its source edited', () => {
    const a = project('from A');
    const b = project('from A');
    expect(launch(a).out).toBe(`from A @ ${a}/src`);
    fs.cpSync(cacheOf(a), cacheOf(b), { recursive: true, preserveTimestamps: true });
    setMessage(b, 'from B');
    expect(launch(b).out).toBe(`from B @ ${b}/src`);
  });

  it('runs its own code after the whole checkout, cache included, was copied or moved and then edited', () => {
    const a = project('original');
    expect(launch(a).out).toBe(`original @ ${a}/src`);
    const copy = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-copy-')));
    made.push(copy);
    fs.cpSync(a, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    // Unedited, the copy still runs from its own folder, not the original's.
    expect(launch(copy).out).toBe(`original @ ${copy}/src`);
    setMessage(copy, 'copy edited');
    expect(launch(copy).out).toBe(`copy edited @ ${copy}/src`);
    // The original is untouched by the copy's runs.
    expect(launch(a).out).toBe(`original @ ${a}/src`);

    const moved = `${copy}-moved`;
    made.push(moved);
    fs.renameSync(copy, moved);
    setMessage(moved, 'moved edited');
    expect(launch(moved).out).toBe(`moved edited @ ${moved}/src`);
  });

  it('bundles the eval entry\'s listed packages, and rebuilds when npm changes one of them', () => {
    const a = evalProject(['zod']);
    setPackage(a, 'zod', '4.0.0');
    const first = launchEval(a);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('zod 4.0.0');
    // the package's code is in the bundle: with its file gone and its package.json unchanged, the bundle still runs it
    fs.rmSync(path.join(a, 'node_modules/zod/index.js'));
    const reused = launchEval(a);
    expect([reused.stdout.trim(), /^run-ts: reused /m.test(reused.stderr)]).toEqual(['zod 4.0.0', true]);
    // a new version is a new package.json: the bundle is rebuilt with the new code
    setPackage(a, 'zod', '4.1.0');
    const rebuilt = launchEval(a);
    expect([rebuilt.stdout.trim(), /^run-ts: built /m.test(rebuilt.stderr)]).toEqual(['zod 4.1.0', true]);
  });

  it('refuses to build when an external package depends on a bundled one, which would load it twice', () => {
    const a = evalProject(['zod', 'schema-tool']);
    setPackage(a, 'zod', '4.0.0');
    setPackage(a, 'schema-tool', '1.0.0', { zod: '^4.0.0' });
    const r = launchEval(a);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('schema-tool is external but depends on bundled zod');
  });

  it('ignores a manifest that names a bundle or a source outside the checkout', () => {
    const a = project('outside');
    expect(launch(a).out).toBe(`outside @ ${a}/src`);
    const b = project('inside');
    const manifestOf = (dir: string) => path.join(cacheOf(dir), 'run-ts/src_main/manifest.json');
    const foreign = JSON.parse(fs.readFileSync(manifestOf(a), 'utf8')) as { root: string; file: string; inputs: Record<string, string> };
    fs.mkdirSync(path.dirname(manifestOf(b)), { recursive: true });

    // A bundle reached by climbing out of this checkout's cache into the other checkout's, with this checkout's own
    // source hashes: only where the bundle lies gives it away.
    const bundleInA = path.join(path.dirname(manifestOf(a)), foreign.file);
    fs.writeFileSync(manifestOf(b), JSON.stringify({ root: b, file: path.relative(path.dirname(manifestOf(b)), bundleInA), inputs: hashesOf(b) }));
    expect(launch(b)).toEqual({ out: `inside @ ${b}/src`, reused: false });

    // Sources named outside the checkout, with the hashes they have there.
    const ownBundle = (JSON.parse(fs.readFileSync(manifestOf(b), 'utf8')) as { file: string }).file;
    setMessage(b, 'inside again');
    const outsideInputs = Object.fromEntries(Object.entries(foreign.inputs).map(([rel, h]) => [path.relative(b, path.join(a, rel)), h]));
    fs.writeFileSync(manifestOf(b), JSON.stringify({ root: b, file: ownBundle, inputs: outsideInputs }));
    expect(launch(b)).toEqual({ out: `inside again @ ${b}/src`, reused: false });
  });
});
