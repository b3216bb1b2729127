#!/usr/bin/env bash
# Response-shape check for request-path changes (stop 19): fetches a fixed set of GETs (point reads, 404/400 answers,
# filtered lists, second pages through their cursors) from the packaged jar of a checkout, with headers, into one file.
# Run it for the checkout before and after a change on the same md_bench_http schema (after bench/http/run.sh seeded
# it) and diff the two files: they must be identical.   usage: bench/http/shapes.sh CHECKOUT OUTFILE
set -euo pipefail
keyset=$(cat "$(dirname "$0")/../bench-keyset.json") # read before cd: the checkout measured may predate it
dir=$(cd "$1" && pwd); out=$(realpath -m "$2")
cd "$dir"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} PATH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin:$PATH
OUT=target/bench-http
# the prod profile needs a secrets keyset; bench/bench-keyset.json is a bench-only one (prod has no default)
MERCHANTDESK_SECRETS_KEYSET="$keyset" MERCHANTDESK_DB_SCHEMA=md_bench_http QUARKUS_HTTP_PORT=18090 MERCHANTDESK_OUTBOX_EVERY=off \
  MERCHANTDESK_PARTNERS_UPGRADE_JOB_EVERY=off MERCHANTDESK_SYNC_SCHEDULE_TICK=off \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/$OUT/jwks.json" MP_JWT_VERIFY_ISSUER=https://bench.merchantdesk.test/ \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > "$OUT/shapes-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
# what the seed lacks, added once: addresses (one with a company), tags and a note with quotes and non-ASCII text,
# a soft-deleted order with a billing address
PGOPTIONS="-c search_path=md_bench_http,public" psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 postgres <<'SQL'
INSERT INTO customer_addresses (id, customer_id, first_name, last_name, company, address1, address2, city, province_code, province, country_code, zip, phone, is_default, position)
SELECT gen_random_uuid(), md5('customer' || c)::uuid, 'Kari', 'Nordmann', CASE WHEN p = 1 THEN 'Firma AS' END, 'Gate ' || p, NULL, 'Oslo', NULL, NULL, 'NO', '0751', '+4791234567', p = 0, p
FROM generate_series(1, 3) c, generate_series(0, 1) p
WHERE NOT EXISTS (SELECT 1 FROM customer_addresses a WHERE a.customer_id = md5('customer' || c)::uuid);
UPDATE customers SET tags = ARRAY['vip','b2b'], note = 'Note with "quotes" and ünïcode ✓' WHERE id = md5('customer' || 1)::uuid AND note IS DISTINCT FROM 'Note with "quotes" and ünïcode ✓';
UPDATE orders SET deleted_at = now(), billing_address = shipping_address WHERE id = md5('order' || 1001)::uuid AND deleted_at IS NULL;
SQL
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18090/q/health/ready >/dev/null && break; sleep 1; done
T=$(deploy/tools/mint-token.sh -k "$OUT/bench-key.pem" -K bench-1 -i https://bench.merchantdesk.test/ -s bench-owner -e owner@bench.example -n "Bench Owner" -d 1)
S=4022b702-85e4-68ff-98d0-1073c52038b8
C1=$(psql -h 127.0.0.1 -U postgres -Atc "select md5('customer' || 1)::uuid")
C2=$(psql -h 127.0.0.1 -U postgres -Atc "select md5('customer' || 2)::uuid")
O=$(psql -h 127.0.0.1 -U postgres -Atc "select md5('order' || 1001)::uuid")
O2=$(psql -h 127.0.0.1 -U postgres -Atc "select md5('order' || 1)::uuid")
PR=$(psql -h 127.0.0.1 -U postgres -Atc "select md5('partner' || 1)::uuid")
X=00000000-0000-0000-0000-000000000001
get() { printf '== %s\n' "$1"; curl -s -D - -H "Authorization: Bearer $T" "http://127.0.0.1:18090$1" | tr -d '\r' | grep -iv "^date:\|^x-correlation-id\|correlationId"; printf '\n'; }
{
get /stores/$S; get /stores/$X; get /stores/not-a-uuid
get /stores/$S/customers/$C1; get /stores/$S/customers/$C2; get /stores/$S/customers/$X
get "/stores/$S/customers?limit=5"; get "/stores/$S/customers?limit=2&q=kari"; get "/stores/$S/customers?limit=3&q=customer1"
get /stores/$S/orders/$O; get /stores/$S/orders/$O2; get /stores/$S/orders/$X
get "/stores/$S/orders?limit=3"; get "/stores/$S/orders?limit=3&includeDeleted=true&customerId=$C1"; get "/stores/$S/orders?limit=2&type=D2C&status=OPEN"
get "/partners/$PR/leads?limit=3"; get "/partners/$PR/leads?limit=3&sort=companyName,-updatedAt"; get "/partners/$PR/leads?limit=2&q=shop1&status=SUBMITTED"
get "/partners/$PR/leads?limit=2&sort=country&type=PLUS"
get /me; get "/stores?limit=2"; get "/organizations?limit=2"
} > "$out"
# second pages through the cursors the first pages gave
for u in "/stores/$S/customers?limit=5" "/stores/$S/orders?limit=3" "/partners/$PR/leads?limit=3&sort=companyName,-updatedAt"; do
  cur=$(curl -s -H "Authorization: Bearer $T" "http://127.0.0.1:18090$u" | python3 -c "import json,sys; print(json.load(sys.stdin)['nextCursor'])")
  get "$u&cursor=$cur" >> "$out"
done
