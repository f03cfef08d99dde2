import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The PostgreSQL half of the suite: the tests that go through the store (storage, services, CLIs, routes, the eval
 * command's database use) run again with WORKBENCH_TEST_STORE=postgres, each on a throwaway database of
 * TEST_DATABASE_URL's server (backend/test/helpers/postgres.ts). Tests of pure functions, of HTTP behaviour the store
 * plays no part in, and those that start the server in its own process run once, in the SQLite half.
 */
const onPostgres = { WORKBENCH_TEST_STORE: 'postgres' };
const postgresHalf: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: 'backend-pg',
      root: './backend',
      include: ['src/storage/**/*.test.ts', 'src/services/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/routes/**/*.test.ts', 'test/routes/**/*.test.ts', 'test/interchange/translate-toolkit.test.ts'],
      exclude: [
        '**/node_modules/**',
        '**/*.int.test.ts',
        'src/storage/migrations/index.test.ts', // the migration list: no database
        'src/services/export.test.ts', // pure document building
        'src/services/intake-pool.test.ts', // worker threads reading documents
        'src/services/translation*.test.ts', // build an in-memory SQLite store of their own
        'src/cli/db-copy.test.ts', // copies between the two stores: runs once, in the SQLite half
        'src/cli/backup.test.ts', // the SQLite file's backup (and PostgreSQL's refusal)
        'src/services/article-tm-matches.test.ts', // pure scoring
        'test/routes/body-limit.test.ts', // refused bodies over a raw socket
        'test/routes/intake-limits.test.ts', // the server in its own process, refusing documents before they are stored
        // ~35 s of large imports on PostgreSQL for what the route tests of terms, memory and XLIFF imports already
        // hold there; its point, /api/health answering while better-sqlite3 writes, is SQLite's
        'test/routes/interchange-imports.test.ts',
        'test/routes/security-headers.test.ts', // headers only
      ],
      environment: 'node',
      env: onPostgres,
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  },
  {
    test: {
      name: 'evals-pg',
      root: './evals',
      include: ['src/cli.test.ts', 'src/cli-cache.test.ts', 'src/cli-progress.test.ts'],
      environment: 'node',
      env: onPostgres,
      testTimeout: 30_000,
    },
  },
];

if (!process.env.TEST_DATABASE_URL) {
  console.log('PostgreSQL half of the suite skipped: set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres (a user with CREATEDB) to run it');
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'backend',
          root: './backend',
          // *.int.test.ts call a real provider: they skip themselves unless OPENAI_API_KEY or OPENAI_BASE_URL is set.
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'evals',
          root: './evals',
          include: ['src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'frontend',
          root: './frontend',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'scripts',
          root: './scripts',
          include: ['**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: './frontend',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      ...(process.env.TEST_DATABASE_URL ? postgresHalf : []),
    ],
  },
});
