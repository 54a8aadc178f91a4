#!/usr/bin/env bash
# npm run test:db — the pgTAP policy suite on a throwaway PostgreSQL 15 cluster: pgtap, the bootstrap,
# every migration in order (recorded in supabase_migrations.schema_migrations), the seed, the
# shared test helpers (schema tests), then pg_prove over supabase/tests/database/*.test.sql. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SAMRAAD_TEST_DB_CLUSTER:-}" ]; then
  SAMRAAD_TEST_DB_CLUSTER=1 exec bash scripts/with-pg15.sh bash scripts/test-db.sh "$@"
fi

sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
sql -c 'create extension pgtap'
sql -f supabase/local/bootstrap.sql
for file in supabase/migrations/*.sql; do
  name=$(basename "$file" .sql)
  sql -1 -f "$file" -c "insert into supabase_migrations.schema_migrations (version, name)
    values ('${name%%_*}', '${name#*_}')"
done
sql -1 -f supabase/seed.sql
sql -1 -f supabase/tests/helpers.sql
pg_prove "$@" supabase/tests/database/*.test.sql
