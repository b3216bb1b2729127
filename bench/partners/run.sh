#!/usr/bin/env bash
# PRT-5 leads-table benchmark: packages the service, starts it on a bench schema, seeds 1 000 000 leads
# across 1 000 partners (once), measures p50/p95 through the API and the same SQL directly, and prints
# EXPLAIN (ANALYZE, BUFFERS) of the measured queries. Usage: bench/partners/run.sh [requests-per-query]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
SCHEMA=${BENCH_SCHEMA:-md_bench_partners}
PORT=${BENCH_PORT:-18085}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -ntp -o package -DskipTests
# the prod profile needs a secrets keyset; bench/bench-keyset.json is a bench-only one (prod has no default)
MERCHANTDESK_SECRETS_KEYSET="$(cat bench/bench-keyset.json)" MERCHANTDESK_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT MERCHANTDESK_OUTBOX_EVERY=off MERCHANTDESK_PARTNERS_UPGRADE_JOB_EVERY=off \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=src/main/dev-keys/dev-public.pem QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > target/bench-partners-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
if [ "$($PSQL -Atc "SELECT count(*) FROM $SCHEMA.partners")" -lt 1000 ]; then
  PGOPTIONS="-c search_path=$SCHEMA,public" $PSQL -f bench/partners/seed.sql
fi
JDBC_JAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
java -cp "$JDBC_JAR" bench/partners/LeadsBench.java "http://127.0.0.1:$PORT" \
  "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA,public" src/main/dev-keys/dev-private.pem "$N"
PGOPTIONS="-c search_path=$SCHEMA,public" $PSQL -f bench/partners/explain.sql
