/** The pg connection pool of a PostgreSQL store; loaded only by processes that use one. */
import pg from 'pg';

/**
 * PostgreSQL sends bigint (count(*)) and numeric (sum()) as strings to keep their precision; every count and sum here
 * fits a double, and SQLite gives numbers, so both give numbers.
 */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pg connection pool that parses numbers the way the SQLite store gives them. */
export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: PG_TYPES });
  // An idle connection the server dropped (restart, failover) must not take the process down; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}
