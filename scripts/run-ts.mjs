#!/usr/bin/env node
/**
 * `node scripts/run-ts.mjs <entry.ts> [args...]`: how `npm start`, `npm run translate` and `npm run eval` run their
 * TypeScript. It bundles the entry (and the project modules it imports) with esbuild, leaving npm packages external,
 * caches the bundle until a source file changes, and runs it with plain Node; the entry runs for its top-level effects.
 *
 * Why not `node --import tsx`: tsx's loader hooks see every module the process loads, and LangChain plus openai are
 * hundreds of modules. Measured here, loading them took ~5 s and ~140 MB under tsx against ~1.3 s and ~80 MB without.
 * Each bundled module keeps its own `import.meta.url`/`dirname`, so paths such as the prompts folder still resolve
 * from the original source file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const entry = path.resolve(entryArg);
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

const cacheRoot = path.join(root, 'node_modules/.cache/run-ts', entryName);
const manifestFile = path.join(cacheRoot, 'manifest.json');

/** Size and mtime of every source file that went into a build: unchanged stamps mean the build can be reused. */
async function stamps(files) {
  const out = {};
  for (const f of files) {
    const st = await stat(f).catch(() => null);
    out[f] = st ? `${st.size}:${st.mtimeMs}` : 'missing';
  }
  return out;
}

/** The last build, when none of its sources changed since; skipping esbuild saves a fifth of a second per run. */
async function reusableBuild() {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8').catch(() => 'null'));
  if (!manifest?.file || !(await stat(manifest.file).catch(() => null))) return null;
  const now = await stamps(Object.keys(manifest.inputs));
  return Object.entries(manifest.inputs).every(([f, v]) => now[f] === v) ? manifest.file : null;
}

async function freshBuild() {
  const { build } = await import('esbuild');
  // Code splitting keeps lazily imported modules (the eval CLI's model stack) in their own chunks, loaded only when used.
  const result = await build({
    entryPoints: { main: entry },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins: [keepImportMeta],
  });
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(f.path).update(f.contents);
  const dir = path.join(cacheRoot, hash.digest('hex').slice(0, 16));
  const file = path.join(dir, 'main.mjs');
  // content-addressed: two runs never overwrite each other's files
  if (!(await stat(file).catch(() => null))) {
    await mkdir(dir, { recursive: true });
    await Promise.all(result.outputFiles.map((f) => writeFile(path.join(dir, path.relative(path.resolve('out'), f.path)), f.contents)));
  }
  const inputs = Object.keys(result.metafile.inputs).map((f) => path.resolve(f));
  await writeFile(manifestFile, JSON.stringify({ file, inputs: await stamps(inputs) }));
  return file;
}

const started = performance.now();
const reused = await reusableBuild();
const file = reused ?? (await freshBuild());
// RUN_TS_TIMING=1: how long the launcher took to find or make the bundle (the cost it adds to every start).
if (process.env.RUN_TS_TIMING) process.stderr.write(`run-ts: ${reused ? 'reused' : 'built'} ${path.relative(root, entry)} in ${(performance.now() - started).toFixed(1)} ms\n`);
// The entry reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(file).href);
