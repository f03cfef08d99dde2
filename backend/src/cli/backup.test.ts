/**
 * `npm run backup`: a copy of the SQLite database taken while another connection keeps writing is whole (every
 * article with all its segments, integrity check ok) and is the database at one instant; PostgreSQL is refused with
 * the pg_dump line instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore, type OpenStore } from '../storage/index.ts';
import { sampleParagraphs, seedArticle } from '../../test/helpers/seed-article.ts';
import { main } from './backup.ts';

let dir = '';
let store: OpenStore;
const paragraphs = sampleParagraphs();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-backup-'));
  vi.stubEnv('DATA_DIR', dir);
  vi.stubEnv('LOG_LEVEL', 'silent');
  vi.stubEnv('DATABASE_URL', '');
  // the server's database, a few megabytes so the backup takes several steps
  store = await createStore({ filename: path.join(dir, 'workbench.db') });
  for (let i = 0; i < 60; i++) await seedArticle(store, `Bài ${i}`, [...paragraphs, ...paragraphs, ...paragraphs]);
});
afterAll(async () => {
  await store?.close();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function backup(...args: string[]): Promise<string> {
  const lines: string[] = [];
  await main(args, (l) => lines.push(l));
  return lines.join('\n');
}

/** Articles of a database file and how many segments each has. */
function articlesIn(file: string): { articles: number; segmentCounts: number[]; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const counts = db.prepare('SELECT count(s.id) AS n FROM articles a LEFT JOIN segments s ON s.article_id = a.id GROUP BY a.id').all() as { n: number }[];
    return { articles: counts.length, segmentCounts: [...new Set(counts.map((c) => c.n))], integrity: String(db.pragma('integrity_check', { simple: true })) };
  } finally {
    db.close();
  }
}

describe('npm run backup', () => {
  it('copies the database whole while another connection writes articles', async () => {
    const before = await store.articles.list().then((a) => a.length);
    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await seedArticle(store, `Bài mới ${written}`, paragraphs.slice(0, 3)); // one transaction: an article and its 3 segments
        written++;
        await setImmediate();
      }
    })();
    const out = path.join(dir, 'copy.db');
    const said = await backup('--out', out);
    const duringBackup = written;
    stop = true;
    await writer;

    expect(duringBackup).toBeGreaterThan(0);
    expect(said).toMatch(new RegExp(`^Backed up ${path.join(dir, 'workbench.db')} to ${out} \\(\\d+ pages, \\d+ bytes\\)$`));
    const copy = articlesIn(out);
    expect(copy.integrity).toBe('ok');
    expect(copy.articles).toBeGreaterThanOrEqual(before);
    expect(copy.articles).toBeLessThanOrEqual(before + written);
    // each article with all its segments: the copy never holds half of a write
    expect(copy.segmentCounts.sort()).toEqual(copy.articles > before ? [paragraphs.length * 3, 3].sort() : [paragraphs.length * 3]);
  });

  it('names the copy by date and time in DATA_DIR/backups, and never overwrites a file', async () => {
    const said = await backup();
    const [, file] = /^Backed up .* to (.*) \(/.exec(said)!;
    expect(path.dirname(file!)).toBe(path.join(dir, 'backups'));
    expect(path.basename(file!)).toMatch(/^workbench-\d{8}-\d{6}\.db$/);
    expect(articlesIn(file!).integrity).toBe('ok');
    await expect(backup('--out', file!)).rejects.toThrow(`${file} already exists: choose another --out`);
  });

  it('refuses a PostgreSQL DATABASE_URL and prints the pg_dump line without the password', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://workbench:s3cret@db.office:5432/workbench');
    try {
      const refused = backup().then(() => '', (err: Error) => err.message);
      const message = await refused;
      expect(message).toMatch(/^DATABASE_URL is a PostgreSQL database: back it up with pg_dump/);
      expect(message).toMatch(/\n {2}pg_dump --format=custom --file=workbench-\d{8}-\d{6}\.dump 'postgres:\/\/workbench@db\.office:5432\/workbench'$/);
      expect(message).not.toContain('s3cret');
    } finally {
      vi.stubEnv('DATABASE_URL', '');
    }
  });
});
