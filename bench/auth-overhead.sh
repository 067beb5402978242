#!/usr/bin/env bash
#
# What authentication costs per request, and what Codara's Argon2id costs against the C reference.
#
#   bench/auth-overhead.sh [requests]      (default 200 per kind; build first: ./mvnw install -DskipTests)
#
# Starts one fresh distribution (rate limits lifted for the run), creates a token and a web session, then times
# sequential GET requests with curl, the same number of each kind, and prints the median latency of:
#   anonymous    GET /api/v3/users/admin, no credentials (the baseline)
#   token        GET /api/v3/user with "Authorization: token cdr_..." (one indexed lookup of a SHA-256)
#   session      GET /api/v3/user with the session cookie
#   password     GET /api/v3/user with HTTP Basic login:password (an Argon2id verification each time)
# and, for the password hash alone, the median time of one Argon2id verification with Codara's parameters
# (m=19 MiB, t=2, p=1) by libargon2's CLI (C, Debian's argon2 package) when it is installed.
set -euo pipefail
n=${1:-200}
. "$(dirname "$0")/lib.sh"
start_distribution 'bench-password-1'

token=$(curl -fs -u "admin:$CODARA_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["repo:read"]}' "$api/user/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$CODARA_ADMIN_PASSWORD\"}" "$api/session" \
  | sed -n 's/^Set-Cookie: \(codara_session=[^;]*\).*/\1/ip' | tr -d '\r')

time_kind() { # label, curl args... -> median ms
  local label=$1; shift
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$@"; done   # warm-up (JIT)
  for _ in $(seq 1 "$n"); do curl -fs -o /dev/null -w '%{time_total}\n' "$@"; done \
    | awk '{print $1 * 1000}' | median
}
m_anonymous=$(time_kind anonymous "$api/users/admin")
m_token=$(time_kind token -H "Authorization: token $token" "$api/user")
m_session=$(time_kind session -H "Cookie: $cookie" "$api/user")
m_password=$(time_kind password -u "admin:$CODARA_ADMIN_PASSWORD" "$api/user")

printf 'median latency over %s sequential requests each (curl, loopback):\n' "$n"
printf '  anonymous  %6.2f ms  (baseline)\n' "$m_anonymous"
for kind in token session password; do
  var=m_$kind; v=${!var}
  printf '  %-9s  %6.2f ms  (%.1fx the baseline)\n' "$kind" "$v" "$(awk -v a="$v" -v b="$m_anonymous" 'BEGIN{print a/b}')"
done
if command -v argon2 >/dev/null; then
  c=$(for _ in $(seq 1 50); do
        s=$(date +%s%N); echo -n "$CODARA_ADMIN_PASSWORD" | argon2 somesaltsomesalt -id -k 19456 -t 2 -p 1 -l 32 -r >/dev/null
        echo $(( ($(date +%s%N) - s) / 1000 ))
      done | median)
  printf 'one Argon2id hash with the same parameters by libargon2 (C CLI, process start included): %.2f ms\n' \
    "$(awk -v v="$c" 'BEGIN{print v/1000}')"
fi
