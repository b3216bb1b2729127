#!/bin/sh
# Signs an RS256 bearer token for merchantdesk with a private key you hold (for example the long-lived
# token of the sync-operator principal used by the sync CronJobs). Needs only a POSIX shell and openssl.
# The service accepts it when its public key is in the JWKS the service trusts (MP_JWT_VERIFY_PUBLICKEY_LOCATION)
# and the issuer matches MP_JWT_VERIFY_ISSUER. See docs/operations.md.
#
# usage: mint-token.sh -k private-key.pem -i issuer -s subject [-K kid] [-g group]... [-e email] [-n name] [-d days]
set -eu

usage() {
  echo "usage: $0 -k private-key.pem -i issuer -s subject [-K kid] [-g group]... [-e email] [-n name] [-d days]" >&2
  exit 2
}

key="" issuer="" subject="" kid="" email="" name="" days=90 groups=""
while getopts k:i:s:K:g:e:n:d: opt; do
  case "$opt" in
    k) key=$OPTARG ;;
    i) issuer=$OPTARG ;;
    s) subject=$OPTARG ;;
    K) kid=$OPTARG ;;
    g) groups="$groups $OPTARG" ;;
    e) email=$OPTARG ;;
    n) name=$OPTARG ;;
    d) days=$OPTARG ;;
    *) usage ;;
  esac
done
[ -n "$key" ] && [ -n "$issuer" ] && [ -n "$subject" ] || usage
[ -r "$key" ] || { echo "cannot read private key $key" >&2; exit 2; }
case "$days" in ''|*[!0-9]*) echo "-d must be a whole number of days" >&2; exit 2 ;; esac

# Values go into JSON unescaped, so refuse characters that would need escaping.
for value in "$issuer" "$subject" "$kid" "$email" "$name" $groups; do
  case "$value" in *[\"\\]*) echo "quotes and backslashes are not allowed: $value" >&2; exit 2 ;; esac
done

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
exp=$((now + days * 86400))
jti=$(openssl rand -hex 16)

header='{"alg":"RS256","typ":"JWT"'
[ -n "$kid" ] && header="$header,\"kid\":\"$kid\""
header="$header}"

group_json=""
for g in $groups; do group_json="$group_json${group_json:+,}\"$g\""; done
payload="{\"iss\":\"$issuer\",\"sub\":\"$subject\",\"iat\":$now,\"exp\":$exp,\"jti\":\"$jti\",\"groups\":[$group_json]"
[ -n "$email" ] && payload="$payload,\"email\":\"$email\""
[ -n "$name" ] && payload="$payload,\"name\":\"$name\""
payload="$payload}"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
