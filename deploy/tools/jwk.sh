#!/bin/sh
# Prints the public JWK (RFC 7517) of an RSA key, to publish in the JWKS the service trusts
# (MP_JWT_VERIFY_PUBLICKEY_LOCATION). Accepts a private or a public key in PEM. POSIX sh, openssl, awk.
#
# usage: jwk.sh key.pem kid            one key:  {"kty":"RSA",...}
#        jwk.sh -s a.pem kidA b.pem kidB  a set:  {"keys":[...]}   (e.g. old and new key during a rotation)
set -eu

usage() { echo "usage: $0 key.pem kid | $0 -s key.pem kid [key.pem kid]..." >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# hex string on stdin -> raw bytes (awk in the C locale writes bytes 0-255 unchanged)
unhex() {
  LC_ALL=C awk '{
    for (i = 1; i <= length($0); i += 2) {
      byte = 0
      for (j = 0; j < 2; j++) byte = byte * 16 + index("0123456789ABCDEF", toupper(substr($0, i + j, 1))) - 1
      printf "%c", byte
    }
  }'
}

jwk() {
  key=$1 kid=$2
  [ -r "$key" ] || { echo "cannot read $key" >&2; exit 2; }
  case "$kid" in ''|*[\"\\]*) echo "kid must be non-empty, without quotes or backslashes" >&2; exit 2 ;; esac
  if grep -q "PUBLIC KEY" "$key"; then pubin=-pubin; else pubin=; fi
  # shellcheck disable=SC2086
  modulus=$(openssl rsa $pubin -in "$key" -noout -modulus 2>/dev/null | sed 's/^Modulus=//')
  [ -n "$modulus" ] || { echo "$key is not an RSA key" >&2; exit 2; }
  # shellcheck disable=SC2086
  exponent=$(openssl rsa $pubin -in "$key" -noout -text 2>/dev/null | sed -n 's/.*[Ee]xponent: \([0-9]*\).*/\1/p' | head -n 1)
  exponent_hex=$(printf '%x' "$exponent")
  [ $((${#exponent_hex} % 2)) -eq 0 ] || exponent_hex="0$exponent_hex"
  n=$(printf '%s' "$modulus" | unhex | b64url)
  e=$(printf '%s' "$exponent_hex" | unhex | b64url)
  printf '{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}' "$kid" "$n" "$e"
}

if [ "${1:-}" = "-s" ]; then
  shift
  [ "$#" -ge 2 ] && [ $(($# % 2)) -eq 0 ] || usage
  printf '{"keys":['
  first=1
  while [ "$#" -gt 0 ]; do
    [ "$first" -eq 1 ] || printf ','
    jwk "$1" "$2"
    first=0
    shift 2
  done
  printf ']}\n'
else
  [ "$#" -eq 2 ] || usage
  jwk "$1" "$2"
  printf '\n'
fi
