/**
 * End-to-end harness: builds the frontend, starts the real API (in this process, over a throwaway DATA_DIR) with the
 * scripted model server as its OpenAI-compatible endpoint, and drives Debian's Chromium with playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { closeDeps, createDeps, type Deps } from '../../backend/src/deps.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../backend/test/helpers/scripted-model-server.ts';

export const FRONTEND = path.resolve(import.meta.dirname, '..');
export const SAMPLE = fs.readFileSync(path.resolve(FRONTEND, '../backend/test/fixtures/hoabinh-doi-ngoai-2020.txt'), 'utf8');
export const SCREENSHOTS = path.join(FRONTEND, 'e2e/screenshots');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Build the app into `outDir` (a temp folder, so a running server's dist is never swapped underneath it). */
export async function buildFrontend(outDir: string): Promise<void> {
  await build({ root: FRONTEND, configFile: path.join(FRONTEND, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** Launch headless Chromium from /usr/bin/chromium (`extraArgs`, e.g. `--host-resolver-rules=...`, go after ours). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export interface Stack {
  baseUrl: string;
  app: FastifyInstance;
  deps: Deps;
  model: ScriptedModelServer;
  browser: Browser;
  /** A fresh page at 1280x800 that records page errors and failed console messages. */
  newPage(): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Extra settings (e.g. the model API key a secrets test looks for). */
  env?: Record<string, string>;
  /** Write the server's log (level info) here instead of discarding it. */
  logFile?: string;
}

/** Start everything; `close()` stops it all and removes the temp folders. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-'));
  const dist = path.join(tmp, 'dist');
  await buildFrontend(dist);
  const model = await startScriptedModelServer();
  const config = loadConfig({
    DATA_DIR: path.join(tmp, 'data'),
    LOG_LEVEL: 'silent',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: model.baseURL,
    WORKBENCH_MODEL: 'scripted-model',
    WORKBENCH_MAX_RETRIES: '0',
    ...opts.env,
  });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const deps = await createDeps(config, { filename: path.join(tmp, 'e2e.db') });
  const log = opts.logFile ? fs.createWriteStream(opts.logFile) : null;
  const app = await buildApp(deps, { logger: log ? { level: 'info', stream: log } : false, frontendDist: dist });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl, app, deps, model, browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      // 4xx answers are part of normal flows (409 opens the conflict dialog, 404 means "no brief yet") and Chromium
      // logs each as "Failed to load resource"; server errors are caught from the responses instead.
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(`console: ${m.text()}`));
      page.on('response', (r) => r.status() >= 500 && errors.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`));
      return { page, context, errors };
    },
    async close() {
      await browser.close();
      await app.close();
      await closeDeps(deps);
      await model.close();
      log?.end();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Import text through the API (for tests that are not about the import dialog). */
export async function importViaApi(baseUrl: string, text: string, title?: string): Promise<{ id: string; segments: Array<{ id: string; version: number; source: string }> }> {
  const res = await fetch(`${baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, text }) });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; segments: Array<{ id: string; version: number; source: string }> };
}
