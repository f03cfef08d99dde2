# shellcheck shell=bash
# Sourced by .ci/run: a local PostgreSQL for the suite's PostgreSQL half. Installs Debian's postgresql if needed,
# starts its cluster, creates the `workbench` role (password workbench, CREATEDB: the tests create and drop a
# database each) and exports TEST_DATABASE_URL. Runs as root; does nothing when TEST_DATABASE_URL is already set.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  # The newest installed major version and its first cluster (the package creates "main").
  pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_cluster=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v { print $2; exit }')
  if [ -z "$pg_cluster" ]; then
    pg_cluster=main
    pg_createcluster "$pg_version" "$pg_cluster" >/dev/null
  fi
  pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1 || pg_ctlcluster "$pg_version" "$pg_cluster" start
  pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c { print $3 }')
  su postgres -c "psql -p $pg_port -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'workbench') THEN CREATE ROLE workbench LOGIN; END IF;
END $$;
ALTER ROLE workbench LOGIN CREATEDB PASSWORD 'workbench';
-- Dropping a test database ends its connections, autovacuum's included, which needs this role.
GRANT pg_signal_backend TO workbench;
SQL
  export TEST_DATABASE_URL="postgres://workbench:workbench@127.0.0.1:${pg_port}/postgres"
  unset pg_version pg_cluster pg_port
fi
