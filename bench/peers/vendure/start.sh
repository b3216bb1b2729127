#!/usr/bin/env bash
# Starts the Vendure peer for bench/http/run.sh and leaves it running:
#   installs the pinned packages (npm ci) when missing, creates database md_bench_vendure when missing,
#   starts bootstrap.js (TypeORM synchronize builds the schema), seeds 100 000 customers set-based once
#   (seed.sql), logs the superadmin in and writes the bearer token.
# usage: start.sh OUTDIR   -> OUTDIR/vendure.pid, OUTDIR/vendure.token, OUTDIR/vendure.log
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: start.sh OUTDIR}
port=${VENDURE_PORT:-18091}
db=${VENDURE_DB:-md_bench_vendure}
psql="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
cd "$here"
[ -d node_modules/@vendure/core ] || npm ci --no-audit --no-fund
[ "$($psql -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres)" = 1 ] || $psql -c "CREATE DATABASE $db" postgres
VENDURE_PORT=$port VENDURE_DB=$db node bootstrap.js > "$out/vendure.log" 2>&1 &
echo $! > "$out/vendure.pid"
for _ in $(seq 1 180); do
  grep -q "vendure ready" "$out/vendure.log" && break
  kill -0 "$(cat "$out/vendure.pid")" 2>/dev/null || { echo "Vendure exited:" >&2; tail -40 "$out/vendure.log" >&2; exit 1; }
  sleep 1
done
grep -q "vendure ready" "$out/vendure.log" || { echo "Vendure not ready after 180 s" >&2; tail -40 "$out/vendure.log" >&2; exit 1; }
if [ "$($psql -Atc "SELECT count(*) FROM customer" "$db")" -lt 100000 ]; then
  $psql -1 -f seed.sql "$db"
  $psql -c "VACUUM ANALYZE customer" -c "VACUUM ANALYZE customer_channels_channel" "$db"
fi
token=$(curl -sf -D - -o "$out/vendure-login.json" -H 'Content-Type: application/json' \
  --data '{"query":"mutation { login(username: \"superadmin\", password: \"superadmin\") { ... on CurrentUser { id } ... on ErrorResult { message } } }"}' \
  "http://127.0.0.1:$port/admin-api" | tr -d '\r' | sed -n 's/^vendure-auth-token: //Ip')
[ -n "$token" ] || { echo "Vendure login failed: $(cat "$out/vendure-login.json")" >&2; exit 1; }
echo "$token" > "$out/vendure.token"
