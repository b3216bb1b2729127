#!/usr/bin/env bash
# Start-up of the JVM image against the bare jar, in the same sitting (issue 22; docs/performance.md).
# Alternates ROUNDS times: `java -jar target/quarkus-app/quarkus-run.jar` and `podman run` of the image (as
# ContainerImageIT runs it: read-only, no capabilities, the Deployment's 512 MiB limit, host network), both
# with the same environment, each on a freshly dropped schema so both migrate it. Reports milliseconds from
# launch to /q/health/ready = 200 and the resident memory then, plus the image and base sizes.
#
#   ./mvnw package -DskipTests && deploy/image/build-jvm-image.sh && bench/image/startup.sh
#
# Environment: IMAGE (default merchantdesk:jvm), ROUNDS (default 3), JAVA_HOME (the bare jar's JDK).
# Talks only to 127.0.0.1 (PostgreSQL on 5432, the service on a free port); outgoing mail is mocked.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/image/containers.conf}
image=${IMAGE:-merchantdesk:jvm}
rounds=${ROUNDS:-3}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
schema=${MD_TEST_SCHEMA:-merchantdesk_test}_bench_image
work=$(mktemp -d)
name=merchantdesk-bench-$$
cleanup() { podman rm -f -t 0 "$name" >/dev/null 2>&1 || true; [ -n "${jar_pid:-}" ] && kill "$jar_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
sh deploy/tools/jwk.sh -s "$work/key.pem" bench > "$work/jwks.json"
chmod 755 "$work"; chmod 644 "$work/jwks.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env_args=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/postgres QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_DATASOURCE_PASSWORD= MERCHANTDESK_DB_SCHEMA="$schema" MP_JWT_VERIFY_PUBLICKEY_LOCATION=/etc/merchantdesk/jwt/jwks.json
  MP_JWT_VERIFY_ISSUER=https://idp.merchantdesk.test/ QUARKUS_HTTP_PORT="$port" QUARKUS_MAILER_MOCK=true
  MERCHANTDESK_OUTBOX_EVERY=off QUARKUS_SHUTDOWN_TIMEOUT=20s MERCHANTDESK_SWAGGER_UI=false
  MERCHANTDESK_SECRETS_KEYSET="$(cat bench/bench-keyset.json)") # bench-only Tink keyset (prod has no default)

now() { date +%s%N; }
wait_ready() {
  local t0=$1
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; do
    [ $(( ($(now) - t0) / 1000000000 )) -lt 180 ] || { echo "not ready in 180 s" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(now) - t0) / 1000000 ))
}
fresh_schema() { psql -qX -h 127.0.0.1 -U postgres -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null; }
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

printf '%-6s %-10s %10s %8s\n' round how ready_ms rss_MiB
for round in $(seq 1 "$rounds"); do
  fresh_schema
  # the bare jar reads the key set where the container has it mounted: point it at the file instead
  t0=$(now)
  env "${env_args[@]}" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/jwks.json" "$java" -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError \
    -jar target/quarkus-app/quarkus-run.jar > "$work/jar.log" 2>&1 &
  jar_pid=$!
  ms=$(wait_ready "$t0")
  printf '%-6s %-10s %10s %8s\n' "$round" jar "$ms" "$(rss_mb "$jar_pid")"
  kill "$jar_pid"; wait "$jar_pid" 2>/dev/null || true; jar_pid=

  fresh_schema
  t0=$(now)
  podman run -d --name "$name" --pull=never --network host --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=67108864,mode=1777 \
    --cap-drop ALL --security-opt no-new-privileges --memory 512m --memory-swap 512m \
    -v "$work:/etc/merchantdesk/jwt:ro" $(printf -- '-e %s ' "${env_args[@]}") "$image" >/dev/null
  ms=$(wait_ready "$t0")
  printf '%-6s %-10s %10s %8s\n' "$round" container "$ms" "$(rss_mb "$(podman inspect --format '{{.State.Pid}}' "$name")")"
  podman rm -f -t 30 "$name" >/dev/null
done
fresh_schema
printf 'image %s: %s MB\n' "$image" "$(( $(podman image inspect --format '{{.Size}}' "$image") / 1000000 ))"
