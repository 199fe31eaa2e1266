#!/usr/bin/env bash
# Load test of the reference server on loopback with wrk (Debian: apt-get install wrk): a read mix and a write mix
# (journal entry creation), on SQLite by default or on the PostgreSQL of DATABASE_URL. Bounded: each run lasts
# DURATION seconds (default 20) with CONNECTIONS connections (default 8) on 2 threads.
#
#   examples/reference-server/scripts/load.sh                         # SQLite in a temp dir
#   DATABASE_URL=postgres://cesizen@127.0.0.1:5432/cesizen examples/reference-server/scripts/load.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-8}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
(cd "$root" && cargo build --release -q -p cesizen-server)
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
CESIZEN_BIND=127.0.0.1:0 CESIZEN_DATA_DIR="$work" CESIZEN_KEY_FILE="${CESIZEN_KEY_FILE:-$work/root.key}" \
    CESIZEN_LOG=warn "$root/target/release/cesizen-server" > "$work/stdout" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/stdout" 2>/dev/null && break; sleep 0.1; done
base="$(sed -n 's/^cesizen-server listening on //p' "$work/stdout")"
email="load-$(date +%s%N)@example.fr"
password='Calme-et-Zen-2025!'
curl -sf -o /dev/null -X POST "$base/api/v1/accounts" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Load\"}"
token="$(curl -sf -X POST "$base/api/v1/sessions" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
auth=(-H "authorization: Bearer $token" -H 'content-type: application/json')
curl -sf -o /dev/null -X POST "$base/api/v1/me/consents" "${auth[@]}" \
    -d '{"purpose":"emotional_journal","textVersion":"2025-01","method":"explicit_statement"}'
for i in $(seq 50); do
    curl -sf -o /dev/null -X POST "$base/api/v1/journal-entries" "${auth[@]}" \
        -d "{\"kind\":\"daily_mood\",\"emotion\":{\"base\":\"joy\"},\"intensity\":$((i % 10 + 1)),\"valence\":0.5,\"recordedAt\":\"2025-03-$(printf %02d $((i % 28 + 1)))T20:00:00Z\"}"
    curl -sf -o /dev/null -X POST "$base/api/v1/practice-sessions" "${auth[@]}" \
        -d '{"kind":"meditation","startedAt":"2025-03-14T07:00:00Z","endedAt":"2025-03-14T07:10:00Z","outcome":"completed"}'
done
export CESIZEN_TOKEN="$token"
for mix in read write; do
    echo "=== $mix mix: ${duration}s, $connections connections ($(curl -sf "$base/health"))"
    wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/$mix-mix.lua" "$base"
done
