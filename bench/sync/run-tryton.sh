#!/usr/bin/env bash
# ERP sync benchmark against a live trytond (issue 21 item 8): two copies of the tests' Tryton template database
# (one for the sync, one for Tryton's own list create), a trytond on port 18000 serving both, the packaged service
# on 18089 against a fresh schema, then TrytonSyncBench.java. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
SCHEMA=${BENCH_SCHEMA:-md_bench_tryton}
PORT=${BENCH_PORT:-18089}
TPORT=${BENCH_TRYTON_PORT:-18000}
PASSWORD=merchantdesk-tryton-admin # the template's admin password (src/test/tryton/java/io/merchantdesk/support/Trytond.java)
PSQL="psql -h 127.0.0.1 -U postgres -At"
TEMPLATE=$($PSQL -c "SELECT datname FROM pg_database WHERE datname LIKE 'md_trytond_tpl_%' ORDER BY oid DESC LIMIT 1")
if [ -z "$TEMPLATE" ]; then # the tests build it once (minutes) and keep it
  MD_TEST_SCHEMA=md_bench_tpl ./mvnw -B -ntp -q test -Dtest=TrytonRpcTest
  TEMPLATE=$($PSQL -c "SELECT datname FROM pg_database WHERE datname LIKE 'md_trytond_tpl_%' ORDER BY oid DESC LIMIT 1")
fi
for db in md_bench_tryton_sync md_bench_tryton_base; do
  $PSQL -c "DROP DATABASE IF EXISTS $db" >/dev/null
  $PSQL -c "CREATE DATABASE $db TEMPLATE $TEMPLATE" >/dev/null
done
DIR=target/bench-trytond
mkdir -p $DIR/data
cat > $DIR/trytond.conf <<CONF
[database]
uri = postgresql://postgres@127.0.0.1:5432/
path = $PWD/$DIR/data
[web]
listen = 127.0.0.1:$TPORT
CONF
trytond -c $DIR/trytond.conf ${BENCH_TRYTON_LOGCONF:+--logconf $BENCH_TRYTON_LOGCONF} > $DIR/trytond.log 2>&1 &
TRYTOND=$!
if [ "${SKIP_PACKAGE:-}" != "1" ]; then
  ./mvnw -B -ntp -o -q package -DskipTests -Dquarkus.profile=test
fi
MD_TEST_SCHEMA=$SCHEMA java ${BENCH_SERVICE_OPTS:-} -Dquarkus.profile=test -Dquarkus.http.port=$PORT -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.merchantdesk.sync.run\".level=INFO \
  -jar target/quarkus-app/quarkus-run.jar > target/bench-tryton.log 2>&1 &
APP=$!
trap 'kill $APP $TRYTOND 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/q/health/ready >/dev/null && break; sleep 1; done
for i in $(seq 1 60); do curl -s -o /dev/null http://127.0.0.1:$TPORT/ && break; sleep 1; done
PG=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort | tail -1)
java ${BENCH_OPTS:-} -cp "$PG" bench/sync/TrytonSyncBench.java "http://127.0.0.1:$PORT" "$SCHEMA" "http://127.0.0.1:$TPORT/" \
  md_bench_tryton_sync md_bench_tryton_base "$PASSWORD"
grep -h "Sync run .* records in" target/bench-tryton.log || true # per-phase timings of the runs
