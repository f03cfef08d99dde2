#!/usr/bin/env node
/**
 * `node scripts/run-ts.mjs <entry.ts> [args...]`: how `npm start`, `npm run translate` and `npm run eval` run their
 * TypeScript. It bundles the entry (and the project modules it imports) with esbuild, leaving npm packages external
 * except those listed for the entry in `bundledPackages` (the eval command's model stack), caches the bundle until a
 * source file changes, and runs it with plain Node; the entry runs for its top-level effects.
 * The cache is keyed by this checkout's real path and the real path and content hash of every bundled source, of this
 * launcher, and of each bundled package's package.json (see keyFile), and never reaches outside the checkout: a copied
 * or moved checkout runs its own code. Reusing a bundle costs ~12 ms of CPU (hashing ~110 files); building one ~100-200
 * ms of CPU and a third of a second (about a second with the eval's packages) or more of wall time.
 *
 * Why not `node --import tsx`: tsx's loader hooks see every module the process loads, and LangChain plus openai are
 * hundreds of modules. Measured here, loading them took ~5 s and ~140 MB under tsx against ~1.3 s and ~80 MB without.
 * Each bundled module keeps its own `import.meta.url`/`dirname`, so paths such as the prompts folder still resolve
 * from the original source file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Real paths throughout: the cache belongs to this checkout as it is on disk, whatever symlink or copy led here.
const root = await realpath(fileURLToPath(new URL('..', import.meta.url)));
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const entry = await realpath(path.resolve(entryArg)).catch(() => path.resolve(entryArg));
const entryName = path.relative(root, entry).replace(/\.ts$/, '').replace(/[^\w-]+/g, '_');

/** Give every bundled module its own source location instead of the bundle's. */
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const contents = text
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * npm packages bundled into an entry's bundle rather than loaded by Node file by file, by entry. Node takes ~500 ms to
 * load LangChain, openai, zod and kysely as their ~900 separate modules and ~90 ms to load them as one bundle; the eval
 * command pays that before its first model call. Only pure-JS packages that find no files of their own at run time
 * (no native addon, worker file, `__dirname` or `import.meta.url` lookup) belong here, and a CommonJS one only if it
 * requires no Node built-in (an ESM bundle has no `require`). A package is bundled or external by name, wherever it is
 * imported from, so the process holds one copy of each; the build fails if an external package depends on a bundled
 * one, which would load a second copy of it (two zods do not recognise each other's schemas). A bundled package's
 * own dependencies not listed here stay external. Other entries keep every package external: the server loads
 * Fastify plugins that serve their own files and pino's worker transports, and starts once per deploy.
 */
const bundledPackages = {
  'evals/src/main.ts': ['@langchain/core', '@langchain/openai', 'openai', 'langsmith', 'p-queue', 'p-timeout', 'p-finally', 'eventemitter3', '@cfworker/json-schema', 'js-tiktoken', 'base64-js', 'zod', 'kysely'],
};
const bundled = new Set(bundledPackages[path.relative(root, entry)] ?? []);

/** `zod` for `zod/v4`, `@langchain/core` for `@langchain/core/messages`. */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** The packages a build left external, each with a folder it was imported from. */
const external = new Map();

/** Bundle the packages listed for this entry; leave every other package external. */
const choosePackages = {
  name: 'choose-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const name = packageOf(args.path);
      if (bundled.has(name)) return undefined;
      external.set(name, args.resolveDir);
      return { path: args.path, external: true };
    });
  },
};

/** Throws when an external package depends on a bundled one: the process would hold two copies of the latter. */
async function checkExternals() {
  if (bundled.size === 0) return;
  for (const [name, from] of external) {
    const pkg = await readPackageJson(name, from);
    const needs = Object.keys({ ...pkg?.dependencies, ...pkg?.peerDependencies, ...pkg?.optionalDependencies }).filter((d) => bundled.has(d));
    if (needs.length) throw new Error(`run-ts: ${name} is external but depends on bundled ${needs.join(', ')}: bundle ${name} too, or none of them`);
  }
}

/** The package.json of package `name` as Node would find it from folder `dir`, or null. */
async function readPackageJson(name, dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const text = await readFile(path.join(d, 'node_modules', name, 'package.json'), 'utf8').catch(() => null);
    if (text) return JSON.parse(text);
    if (path.dirname(d) === d) return null;
  }
}

/**
 * What a build's input stands for in the cache key: a project source for itself, a file of a bundled package for that
 * package's package.json. Hashing the hundreds of files of the bundled packages on every start would cost more than
 * it saves; a package changes through npm, which rewrites its package.json (version, and for a git or file
 * dependency its resolved fields). An edit made by hand inside node_modules is not seen: delete
 * node_modules/.cache/run-ts after one.
 */
function keyFile(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input;
  const rest = input.slice(at + 'node_modules/'.length);
  return path.join(input.slice(0, at), 'node_modules', packageOf(rest), 'package.json');
}

const launcher = path.relative(root, await realpath(fileURLToPath(import.meta.url)));
const cacheRoot = path.join(root, 'node_modules/.cache/run-ts', entryName);
const manifestFile = path.join(cacheRoot, 'manifest.json');

/** `file` relative to `dir`, or null when it is not inside it (a `..` step or another drive). */
function inside(dir, file) {
  const rel = path.relative(dir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : null;
}

/**
 * The checkout-relative real path and content hash of every source that went into a build, or null when one of
 * them lies outside the checkout (such a build is not cached: its sources could change without this checkout knowing).
 * Content, not mtime: a copied checkout keeps its files' mtimes, and an edit can keep a file's size and mtime.
 */
function fingerprints(files) {
  // Synchronous on purpose: nothing else runs yet, and a hundred small reads cost less than their promises.
  const out = {};
  for (const f of files) {
    let real;
    try {
      real = realpathSync(f);
    } catch {
      return null;
    }
    const rel = inside(root, real);
    if (!rel) return null;
    out[rel] = createHash('sha256').update(readFileSync(real)).digest('base64url');
  }
  return out;
}

/**
 * The last build, when it was made in this checkout from sources that all still read the same. A manifest written
 * elsewhere (a copied or moved checkout brings its cache along), naming a source or a bundle outside this checkout,
 * or unreadable, is ignored: the bundle carries absolute source paths, so another copy's bundle would run that copy's
 * code.
 */
async function reusableBuild() {
  const manifest = await readFile(manifestFile, 'utf8').then(JSON.parse).catch(() => null);
  if (manifest?.root !== root || typeof manifest.file !== 'string' || typeof manifest.inputs !== 'object' || !manifest.inputs) return null;
  const file = await realpath(path.resolve(cacheRoot, manifest.file)).catch(() => null);
  if (!file || !inside(cacheRoot, file)) return null;
  const names = Object.keys(manifest.inputs);
  // a manifest without the launcher's own hash was written by a launcher that may have built differently
  if (!names.includes(launcher) || names.some((n) => !inside(root, path.resolve(root, n)))) return null;
  const now = fingerprints(names.map((n) => path.resolve(root, n)));
  return now && names.every((n) => now[n] === manifest.inputs[n]) ? file : null;
}

async function freshBuild() {
  const { build } = await import('esbuild');
  // Code splitting keeps lazily imported modules (the eval CLI's model stack) in their own chunks, loaded only when used.
  const result = await build({
    entryPoints: { main: entry },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins: [choosePackages, keepImportMeta],
  });
  await checkExternals();
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(f.path).update(f.contents);
  const dir = path.join(cacheRoot, hash.digest('hex').slice(0, 16));
  const file = path.join(dir, 'main.mjs');
  // Content-addressed, and every file replaced whole by a rename: a run starting meanwhile reads the old or the new
  // file, never half of one.
  await mkdir(dir, { recursive: true });
  await Promise.all(result.outputFiles.map((f) => writeWhole(path.join(dir, path.relative(path.join(root, 'out'), f.path)), f.contents)));
  // the launcher itself too: its build options (the bundled packages above) shape the bundle as much as any source
  const inputs = fingerprints([...new Set([path.join(root, launcher), ...Object.keys(result.metafile.inputs).map((f) => path.resolve(root, keyFile(f)))])]);
  if (inputs) await writeWhole(manifestFile, JSON.stringify({ root, file: path.relative(cacheRoot, file), inputs }));
  return file;
}

async function writeWhole(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

const started = performance.now();
const cpuStart = process.cpuUsage();
const reused = await reusableBuild();
const file = reused ?? (await freshBuild());
// RUN_TS_TIMING=1: how long the launcher took to find or make the bundle (the cost it adds to every start).
if (process.env.RUN_TS_TIMING) process.stderr.write(`run-ts: ${reused ? 'reused' : 'built'} ${path.relative(root, entry)} in ${(performance.now() - started).toFixed(1)} ms (${cpuMs(process.cpuUsage(cpuStart)).toFixed(1)} ms CPU)\n`);

function cpuMs({ user, system }) {
  return (user + system) / 1000;
}
// The entry reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(file).href);
