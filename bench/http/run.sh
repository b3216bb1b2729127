#!/usr/bin/env bash
# HTTP benchmark of the packaged service next to pgbench and a peer (Vendure), in one run (issue 14).
#   bench/http/run.sh [seconds-per-endpoint]        default 20 s, after a warm-up of BENCH_WARMUP (8) s per endpoint
# Environment: BENCH_PEER=0 skips Vendure; BENCH_JFR=1 records the point reads (point-reads.jfr) and the list first
#   pages (lists.jfr) with JFR into target/bench-http/;
#   BENCH_ONLY="store customer" runs only those endpoints (names below); BENCH_SCHEMA, BENCH_PORT.
# Packages the jar when sources are newer than the last package, starts it in prod mode on schema md_bench_http
# (kept between runs: seeding happens once) with an RS256 key pair of its own, seeds with seed.sql, drives wrk
# (8 connections, 2 threads) through requests.lua, runs pgbench -S -M prepared -c 8 -j 2 on the same server,
# and prints req/s, p50, p99 and the ratio to pgbench per endpoint. Any non-2xx answer fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-20}
WARM=${BENCH_WARMUP:-8}
SCHEMA=${BENCH_SCHEMA:-md_bench_http}
PORT=${BENCH_PORT:-18090}
PEER=${BENCH_PEER:-1}
OUT=target/bench-http
ISSUER=https://bench.merchantdesk.test/
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
mkdir -p "$OUT"
REV="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+uncommitted')"
load() { cut -d' ' -f1-3 /proc/loadavg; }

command -v wrk >/dev/null || { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; }
command -v pgbench >/dev/null || { echo "pgbench missing (Debian package postgresql-client)" >&2; exit 1; }

# --- package when needed -------------------------------------------------------------------------------------------
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f "$OUT/packaged" ] \
   || [ -n "$(find src/main pom.xml -newer "$OUT/packaged" -print -quit)" ]; then
  ./mvnw -B -ntp -o -q package -DskipTests 2>/dev/null || ./mvnw -B -ntp -q package -DskipTests # online on a fresh machine
  touch "$OUT/packaged"
fi

# --- a key pair of our own; the service trusts its JWKS (prod verification path) -----------------------------------
[ -f "$OUT/bench-key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/bench-key.pem" 2>/dev/null
deploy/tools/jwk.sh -s "$OUT/bench-key.pem" bench-1 > "$OUT/jwks.json"
TOKEN=$(deploy/tools/mint-token.sh -k "$OUT/bench-key.pem" -K bench-1 -i "$ISSUER" -s bench-owner \
  -e owner@bench.example -n "Bench Owner" -d 1)

# --- start the service (prod profile) ------------------------------------------------------------------------------
JAVA_OPTS=(-Xmx1g)
# the prod profile needs a secrets keyset; bench/bench-keyset.json is a bench-only one (prod has no default)
MERCHANTDESK_SECRETS_KEYSET="$(cat bench/bench-keyset.json)" MERCHANTDESK_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT MERCHANTDESK_OUTBOX_EVERY=off \
  MERCHANTDESK_PARTNERS_UPGRADE_JOB_EVERY=off MERCHANTDESK_SYNC_SCHEDULE_TICK=off \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/$OUT/jwks.json" MP_JWT_VERIFY_ISSUER=$ISSUER \
  java "${JAVA_OPTS[@]}" -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
VENDURE_PID=
cleanup() {
  kill "$APP" 2>/dev/null || true
  [ -z "$VENDURE_PID" ] || kill "$VENDURE_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service not ready" >&2; tail -30 "$OUT/app.log" >&2; exit 1; }

# --- seed once (one transaction: either all of it or nothing) ------------------------------------------------------
SQL() { PGOPTIONS="-c search_path=$SCHEMA,public" $PSQL "$@" postgres; }
if [ "$(SQL -Atc "SELECT count(*) FROM stores")" = 0 ]; then
  echo "seeding $SCHEMA (once) ..."
  SQL -1 -f bench/http/seed.sql
  SQL -c "VACUUM ANALYZE" > /dev/null
fi

# --- request files (METHOD TAB PATH [TAB BODY]); ids follow seed.sql's md5 scheme ----------------------------------
T=$'\t'
SQL -Atc "SELECT 'GET$T/stores/' || md5('store' || s)::uuid FROM generate_series(1, 1000) s" > "$OUT/store.txt"
SQL -Atc "SELECT 'GET$T/stores/' || md5('store' || (1 + (c - 1) % 1000))::uuid || '/customers/' || md5('customer' || c)::uuid
          FROM (SELECT 1 + (i * 48271) % 100000 AS c FROM generate_series(1, 2000) i) x" > "$OUT/customer.txt"
SQL -Atc "SELECT 'GET$T/stores/' || md5('store' || (1 + (o - 1) % 1000))::uuid || '/orders/' || md5('order' || o)::uuid
          FROM (SELECT 1 + (i * 48271) % 1000000 AS o FROM generate_series(1, 2000) i) x" > "$OUT/order.txt"
SQL -Atc "SELECT 'GET$T/stores/' || md5('store' || s)::uuid || '/customers?limit=50' FROM generate_series(1, 1000) s" > "$OUT/customers-page.txt"
SQL -Atc "SELECT 'GET$T/stores/' || md5('store' || s)::uuid || '/orders?limit=50' FROM generate_series(1, 1000) s" > "$OUT/orders-page.txt"
SQL -Atc "SELECT 'GET$T/partners/' || md5('partner' || p)::uuid || '/leads?limit=50' FROM generate_series(1, 100) p" > "$OUT/leads-page.txt"
SQL -Atc "SELECT 'POST$T/stores/' || md5('store' || (1 + (c - 1) % 1000))::uuid || '/orders$T'
          || json_build_object('customerId', md5('customer' || c)::uuid,
                               'lineItems', json_build_array(json_build_object('title', 'Bench item', 'sku', 'B-' || c % 97,
                                                                               'quantity', 1 + c % 3, 'unitPrice', '19.90')))
          FROM (SELECT 1 + (i * 48271) % 100000 AS c FROM generate_series(1, 2000) i) x" > "$OUT/order-create.txt"

printf 'GET\t/me\n' > "$OUT/me.txt"
printf 'GET\t/q/health/live\n' > "$OUT/health.txt"

# The last two are yardsticks, not endpoints of the issue: /me is the token and REST layer without SQL (the
# caller comes from the subject cache), /q/health/live is HTTP alone (a Vert.x route, no authentication).
ENDPOINTS=(store:"GET /stores/{id}" customer:"GET /stores/{s}/customers/{c}" order:"GET /stores/{s}/orders/{o}"
           customers-page:"GET /stores/{s}/customers?limit=50" orders-page:"GET /stores/{s}/orders?limit=50"
           leads-page:"GET /partners/{p}/leads?limit=50" order-create:"POST /stores/{s}/orders"
           me:"yardstick: GET /me (token, REST layer, no SQL)" health:"yardstick: GET /q/health/live (HTTP only)")
wanted() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
drive() { # name label file url auth seconds idempotency record?
  local out
  out=$(wrk -t2 -c8 -d"$6"s --timeout 10s -s bench/http/requests.lua "$4" -- "$1" "$3" "$5" "$7" "$([ "$8" = record ] && echo 0 || echo 1)" | grep '^RESULT') || {
    echo "wrk failed for $1" >&2; exit 1; }
  [ "$8" = record ] && printf '%s\t%s\t%s\n' "$out" "$2" "$(load)" >> "$RESULTS"
  return 0
}

# --- warm-up, then the measured runs -------------------------------------------------------------------------------
echo "warm-up ${WARM}s per endpoint (load $(load))"
for e in "${ENDPOINTS[@]}"; do n=${e%%:*}; wanted "$n" || continue
  idem=0; [ "$n" = order-create ] && idem=1
  drive "$n" "${e#*:}" "$OUT/$n.txt" "http://127.0.0.1:$PORT" "Bearer $TOKEN" "$WARM" $idem no
done

PGB="-c search_path=md_bench_pgbench"
if [ "$($PSQL -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'md_bench_pgbench' AND tablename = 'pgbench_accounts'" postgres)" = 0 ]; then
  $PSQL -c "CREATE SCHEMA IF NOT EXISTS md_bench_pgbench" postgres
  PGOPTIONS="$PGB" pgbench -h 127.0.0.1 -U postgres -i -s 10 -q postgres 2>&1 | tail -1
fi
PGOPTIONS="$PGB" pgbench -h 127.0.0.1 -U postgres -S -M prepared -c 8 -j 2 -T 5 postgres > /dev/null 2>&1
L=$(load)
PGB_OUT=$(PGOPTIONS="$PGB" pgbench -h 127.0.0.1 -U postgres -S -M prepared -c 8 -j 2 -T "$DUR" --log --sampling-rate=0.02 --log-prefix="$OUT/pgbench" postgres 2>&1)
PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<< "$PGB_OUT" | head -1)
PGB_P=$(cat "$OUT"/pgbench.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f\t%.2f", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
rm -f "$OUT"/pgbench.*
printf 'RESULT\tpgbench\t%s\t%s\t-\t0\t0\tpgbench -S -M prepared -c 8 -j 2\t%s\n' "$PGB_TPS" "$PGB_P" "$L" >> "$RESULTS"

if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$APP" JFR.start name=bench settings=profile filename="$PWD/$OUT/point-reads.jfr" > /dev/null
fi
for e in "${ENDPOINTS[@]}"; do n=${e%%:*}; wanted "$n" || continue
  idem=0; [ "$n" = order-create ] && idem=1
  drive "$n" "${e#*:}" "$OUT/$n.txt" "http://127.0.0.1:$PORT" "Bearer $TOKEN" "$DUR" $idem record
  if [ "${BENCH_JFR:-0}" = 1 ] && [ "$n" = order ]; then
    jcmd "$APP" JFR.stop name=bench > /dev/null; echo "JFR: $OUT/point-reads.jfr"
    jcmd "$APP" JFR.start name=lists settings=profile filename="$PWD/$OUT/lists.jfr" > /dev/null
  fi
  if [ "${BENCH_JFR:-0}" = 1 ] && [ "$n" = leads-page ]; then
    jcmd "$APP" JFR.stop name=lists > /dev/null; BENCH_JFR=done; echo "JFR: $OUT/lists.jfr"
  fi
done

# --- the peer, same wrk settings -----------------------------------------------------------------------------------
if [ "$PEER" = 1 ]; then
  bench/peers/vendure/start.sh "$PWD/$OUT"
  VENDURE_PID=$(cat "$OUT/vendure.pid")
  VURL=http://127.0.0.1:${VENDURE_PORT:-18091}
  VAUTH="Bearer $(cat "$OUT/vendure.token")"
  Q='{"query":"query($id: ID!) { customer(id: $id) { id firstName lastName emailAddress phoneNumber createdAt updatedAt } }","variables":{"id":"%s"}}'
  for i in $(seq 1 2000); do printf "POST\t/admin-api\t$Q\n" $((1 + (i * 48271) % 100000)); done > "$OUT/vendure-customer.txt"
  printf 'POST\t/admin-api\t%s\n' '{"query":"{ customers(options: { take: 50 }) { items { id firstName lastName emailAddress phoneNumber createdAt updatedAt } } }"}' > "$OUT/vendure-customers-page.txt"
  for n in vendure-customer vendure-customers-page; do
    drive "$n" - "$OUT/$n.txt" "$VURL" "$VAUTH" "$WARM" 0 no
  done
  drive vendure-customer "Vendure customer(id) (Admin API)" "$OUT/vendure-customer.txt" "$VURL" "$VAUTH" "$DUR" 0 record
  drive vendure-customers-page "Vendure customers(take: 50) (Admin API)" "$OUT/vendure-customers-page.txt" "$VURL" "$VAUTH" "$DUR" 0 record
fi

# --- report --------------------------------------------------------------------------------------------------------
echo
echo "commit $REV, ${DUR}s per endpoint, wrk -t2 -c8, $(nproc) cores"
awk -F'\t' -v pgb="$PGB_TPS" '
  BEGIN { printf "| endpoint | req/s | p50 ms | p99 ms | vs pgbench | load avg |\n|---|---|---|---|---|---|\n" }
  { printf "| %s | %.0f | %s | %s | %.1f %% | %s |\n", $9, $3, $4, $5, 100 * $3 / pgb, $10 }' "$RESULTS"
echo "(raw: $RESULTS)"
