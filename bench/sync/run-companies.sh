#!/usr/bin/env bash
# ERP company sync benchmark (issue 24): packages the service with the test build profile (so /dev/tokens exists),
# starts it against a fresh schema, runs CompanyBench.java, stops the service. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
SCHEMA=${BENCH_SCHEMA:-md_bench_companies}
PORT=${BENCH_PORT:-18089}
LOG=target/bench-companies-$PORT.log
if [ "${SKIP_PACKAGE:-}" != "1" ]; then
  ./mvnw -B -ntp -o -q package -DskipTests -Dquarkus.profile=test
fi
MD_TEST_SCHEMA=$SCHEMA java -Dquarkus.profile=test -Dquarkus.http.port=$PORT -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.merchantdesk.sync.run\".level=INFO \
  -jar target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/q/health/ready >/dev/null && break; sleep 1; done
PG=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort | tail -1)
java ${BENCH_OPTS:-} -cp "$PG" bench/sync/CompanyBench.java "http://127.0.0.1:$PORT" "$SCHEMA"
grep -h "Sync run .* records in" "$LOG" || true # per-phase timings of the runs
