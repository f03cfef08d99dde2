/**
 * A consistent copy of the SQLite database, safe while the server runs (SQLite's online backup: the copy is the
 * database as it was at one instant, whatever is written meanwhile):
 *
 *   npm run backup                      → DATA_DIR/backups/workbench-20261129-081500.db
 *   npm run backup -- --out /mnt/usb/workbench.db
 *
 * With DATABASE_URL set to PostgreSQL it refuses and prints the pg_dump command that does the same there.
 * An existing file is never overwritten. Restore by stopping the server and putting the copy in place of
 * DATA_DIR/workbench.db.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { storeLocation, urlWithoutPassword } from '../storage/db.ts';

const USAGE = 'Usage: npm run backup -- [--out file]   (default: DATA_DIR/backups/workbench-<date>-<time>.db)';

/** `20261129-081500` in UTC, for file names that sort by time. */
export function backupStamp(at = new Date()): string {
  return at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** Copy the SQLite database `file` to `out` with SQLite's online backup; returns the pages copied. */
export async function backupSqlite(file: string, out: string): Promise<number> {
  const db = new Database(file, { fileMustExist: true });
  try {
    // Every page in one step: a write by another connection (the server) between steps restarts the backup, so small
    // steps under steady writes never finish. In WAL mode the one long read does not hold the server's writes up.
    // (0 would mean no pages, and the callback cannot ask for SQLite's -1, "all": the largest count it takes does.)
    const { totalPages } = await db.backup(out, { progress: () => 0x7fffffff });
    return totalPages;
  } finally {
    db.close();
  }
}

export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const config = loadConfig();
  const stamp = backupStamp();
  const where = storeLocation({ filename: path.join(config.dataDir, 'workbench.db'), databaseUrl: config.DATABASE_URL });
  if (where.kind === 'postgres') {
    throw new Error(
      'DATABASE_URL is a PostgreSQL database: back it up with pg_dump (the password from ~/.pgpass or PGPASSWORD):\n' +
        `  pg_dump --format=custom --file=workbench-${stamp}.dump '${urlWithoutPassword(where.url)}'`,
    );
  }
  if (!fs.existsSync(where.file)) throw new Error(`${where.file} does not exist: nothing to back up (is DATA_DIR right?)`);
  const target = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `workbench-${stamp}.db`));
  if (fs.existsSync(target)) throw new Error(`${target} already exists: choose another --out`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const pages = await backupSqlite(where.file, target);
  out(`Backed up ${where.file} to ${target} (${pages} pages, ${fs.statSync(target).size} bytes)`);
  return 0;
}

if (process.argv[1] && /cli[\\/]backup\.ts$|cli_backup/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
