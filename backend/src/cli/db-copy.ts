/**
 * Copy the workbench's database from one store to another, to move a laptop's SQLite file onto the office's
 * PostgreSQL server (or back):
 *
 *   npm run db:copy -- --from data/workbench.db --to postgres://workbench:…@db.office/workbench
 *   npm run db:copy -- --from postgres://… --to copy.db
 *
 * Both are brought to the current schema first, then every table is copied in one transaction on the target and
 * each table's row count is printed once checked. The target must hold no rows (a new database's starter termbase
 * is replaced by the source's); `--force` replaces the rows a target holds, all in the same transaction, except that
 * the audit trail is append-only: a target whose audit_log has rows is refused even then (create a new database).
 * Stop the server on the source while copying so the copy has its last writes.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../storage/dialect.ts';
import { openOptionsFor, urlWithoutPassword } from '../storage/db.ts';
import { copyStore, rowsInTheWay } from '../storage/copy.ts';
import { createStore } from '../storage/index.ts';

const USAGE = 'Usage: npm run db:copy -- --from <sqlite file | postgres://…> --to <postgres://… | sqlite file> [--force]';

/** Bad arguments: exit code 2 (a refused or failed copy is 1). */
class UsageError extends Error {}

/** A place as messages show it: a file, or a URL without its password. */
const shown = (where: string) => (isPostgresUrl(where) ? urlWithoutPassword(where) : where);

export async function main(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const { from, to } = values;
  if (!from || !to) throw new UsageError(`--from and --to are both needed\n${USAGE}`);
  if (from === to) throw new UsageError('--from and --to name the same database');
  if (!isPostgresUrl(from) && !fs.existsSync(from)) throw new UsageError(`${from} does not exist: --from names the database to copy`);

  const source = await createStore(openOptionsFor(from));
  try {
    const target = await createStore(openOptionsFor(to));
    try {
      const held = await rowsInTheWay(target.db);
      const audit = held.find((h) => h.table === 'audit_log');
      if (audit) throw new Error(`${shown(to)} already has ${audit.rows} audit_log rows, which are append-only and cannot be replaced: copy into a new, empty database`);
      if (held.length && !values.force) {
        throw new Error(`${shown(to)} already holds rows (${held.map((h) => `${h.table} ${h.rows}`).join(', ')}): nothing was copied. --force replaces them with the source's`);
      }
      out(`Copying ${shown(from)} to ${shown(to)}`);
      for (const { table, rows } of await copyStore(source.db, target.db)) out(`${table.padEnd(22)} ${String(rows).padStart(8)}`);
      out('Row counts checked. A saved provider API key stays sealed with DATA_DIR/secret.key: give the server using the copy that file too.');
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

if (process.argv[1] && /cli[\\/]db-copy\.ts$|cli_db-copy/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
