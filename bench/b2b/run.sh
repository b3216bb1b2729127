#!/usr/bin/env bash
# B2B migration benchmark: API migration vs. the bare SQL UPDATE on the same rows, same database, same run.
# Usage (from the repository root): bench/b2b/run.sh [rounds]   (default 7 rounds, the first is a warm-up)
# Needs: JDK 21+ (JAVA_HOME), PostgreSQL on 127.0.0.1:5432 (user postgres, trust). Uses its own schema
# (merchantdesk_bench_b2b, dropped first) and port 18081; builds the service with ./mvnw package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-7}"
SCHEMA=merchantdesk_bench_b2b
PORT=18081
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

psql -h 127.0.0.1 -U postgres -q -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" postgres
./mvnw -B -ntp -o -q package -DskipTests
PG_JAR=$(ls target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar | head -1)

LOG=target/bench-b2b-service.log
# the prod profile needs a secrets keyset; bench/bench-keyset.json is a bench-only one (prod has no default)
MERCHANTDESK_SECRETS_KEYSET="$(cat bench/bench-keyset.json)" MERCHANTDESK_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT MERCHANTDESK_OUTBOX_EVERY=off \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=src/main/dev-keys/dev-public.pem QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  "$JAVA" -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "service did not start, see $LOG"; exit 1; }

"$JAVA" -cp "$PG_JAR" bench/b2b/MigrationBench.java "http://127.0.0.1:$PORT" \
  "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA,public" \
  src/main/dev-keys/dev-private.pem "https://merchantdesk.dev/issuer" "$ROUNDS"
