#!/bin/sh
# Starts one merchantdesk sync run per configured store (run by the sync CronJobs; POSIX sh + curl).
#   POST $MERCHANTDESK_URL/stores/{storeId}/sync-runs  {"kind":"$SYNC_KIND"}  with the sync-operator token.
# Every store is tried; the script then exits 1 if any store answered anything but 202 (409: a run is
# still going; 4xx: token or configuration; 5xx or no answer: the service), so the Job shows as failed.
# Exit 2: misconfiguration (nothing was sent).
#
# Environment: MERCHANTDESK_URL (e.g. http://merchantdesk:80), SYNC_KIND (CUSTOMERS | ORDERS),
# STORE_IDS (store ids separated by commas or spaces), SYNC_TOKEN_FILE (file holding the bearer token),
# REQUEST_TIMEOUT (seconds per request, default 30).
set -u

fail_config() { echo "trigger-sync: $*" >&2; exit 2; }

url=${MERCHANTDESK_URL:-}
kind=${SYNC_KIND:-}
token_file=${SYNC_TOKEN_FILE:-/var/run/secrets/merchantdesk/sync-operator/token}
timeout=${REQUEST_TIMEOUT:-30}

[ -n "$url" ] || fail_config "MERCHANTDESK_URL is not set"
case "$kind" in
  CUSTOMERS|ORDERS) ;;
  *) fail_config "SYNC_KIND must be CUSTOMERS or ORDERS, got '$kind'" ;;
esac
[ -r "$token_file" ] || fail_config "cannot read the sync-operator token file $token_file"
token=$(tr -d ' \r\n' < "$token_file")
[ -n "$token" ] || fail_config "the sync-operator token file $token_file is empty"

stores=$(printf '%s' "${STORE_IDS:-}" | tr ',' ' ')
set -f  # store ids are split on spaces only, never globbed
# shellcheck disable=SC2086
set -- $stores
set +f
[ "$#" -gt 0 ] || fail_config "STORE_IDS is empty: no store to sync"
for store in "$@"; do
  # Ids go into the URL path: accept UUIDs only.
  case "$store" in
    *[!0-9a-fA-F-]*|'') fail_config "not a store id: '$store'" ;;
  esac
done

body=$(mktemp "${TMPDIR:-/tmp}/trigger-sync.XXXXXX") || fail_config "cannot create a temporary file"
trap 'rm -f "$body"' EXIT

failed=0
for store in "$@"; do
  # The token is passed through curl's config on stdin, so it never shows in the process list.
  code=$(printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl --silent --show-error --config - \
      --request POST \
      --header 'Content-Type: application/json' --header 'Accept: application/json' \
      --data "{\"kind\":\"$kind\"}" \
      --connect-timeout 10 --max-time "$timeout" \
      --output "$body" --write-out '%{http_code}' \
      "${url%/}/stores/$store/sync-runs") || code=000
  answer=$(dd if="$body" bs=2000 count=1 2>/dev/null)
  case "$code" in
    202) echo "store $store: $kind sync run started: $answer" ;;
    409) echo "store $store: $kind sync NOT started, a run is already going (HTTP 409): $answer" >&2; failed=1 ;;
    000) echo "store $store: $kind sync NOT started, no answer from $url" >&2; failed=1 ;;
    5??) echo "store $store: $kind sync NOT started, server error (HTTP $code): $answer" >&2; failed=1 ;;
    *) echo "store $store: $kind sync NOT started (HTTP $code): $answer" >&2; failed=1 ;;
  esac
done

if [ "$failed" -ne 0 ]; then
  echo "trigger-sync: $kind sync failed for at least one store (see above)" >&2
  exit 1
fi
echo "trigger-sync: $kind sync runs started for $# store(s)"
