#!/usr/bin/env bash
# Load test of the reference server on loopback with oha, an open-loop generator: a read mix and a write mix
# (journal entry creation), on SQLite by default or on the PostgreSQL of DATABASE_URL.
#
# Each mix runs twice: at a FIXED rate (RATE requests/s, default 500) with latency correction, so that a slow
# answer cannot slow the sender down and hide its own delay (wrk's coordinated omission), then closed-loop on
# CONNECTIONS connections (default 8) for the saturation throughput. Each run lasts DURATION seconds (default
# 20). The load is spread over USERS accounts (default 4), one generator each, as real traffic is:
#
#   read mix  the profile, the journal's latest page, the practice sessions (3/4 of the rate, each user's
#             generator picking among the three), and a monthly emotion report (1/4, a generator of its own)
#   write mix POST /api/v1/journal-entries with a note (sealed twice, counted, fsync'd)
#
# MIXES (default "read write") and MODES (default "fixed saturation") select runs.
#
# One line per run: rate asked, throughput achieved, p50 and p99 of every request of the mix together
# (latency-corrected at a fixed rate), errors (transport errors and non-2xx answers), and the load average of
# the machine when the run ended (the generator shares the machine with the server).
#
#   examples/reference-server/scripts/load.sh                         # SQLite in a temp dir
#   DATABASE_URL=postgres://cesizen@127.0.0.1:5432/cesizen CESIZEN_KEY_FILE=/path/root.key \
#       examples/reference-server/scripts/load.sh
#
# On PostgreSQL the keyring lives in the database, sealed under the root key file of its first start: give that
# file (any new file for a new, empty database) in CESIZEN_KEY_FILE. CESIZEN_SQLITE_SYNCHRONOUS=normal measures
# SQLite without an fsync per commit (the default syncs each one).
#
# Needs curl and python3. oha is taken from PATH or ~/.cargo/bin, else installed with `cargo install oha --locked`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-8}"
rate="${RATE:-500}"
users="${USERS:-4}"
if [ -n "${DATABASE_URL:-}" ] && [ -z "${CESIZEN_KEY_FILE:-}" ]; then
    echo "with DATABASE_URL, set CESIZEN_KEY_FILE to the root key file the database's keyring is sealed under" >&2
    exit 1
fi
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v oha >/dev/null; then
    echo "oha is missing: cargo install oha --locked (a few minutes, once)" >&2
    cargo install oha --locked
fi
(cd "$root" && cargo build --release -q -p cesizen-server)
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
CESIZEN_BIND=127.0.0.1:0 CESIZEN_DATA_DIR="$work" CESIZEN_KEY_FILE="${CESIZEN_KEY_FILE:-$work/root.key}" \
    CESIZEN_LOG=warn "$root/target/release/cesizen-server" > "$work/stdout" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/stdout" 2>/dev/null && break; sleep 0.1; done
base="$(sed -n 's/^cesizen-server listening on //p' "$work/stdout")"
backend="$(curl -sf "$base/health" | sed -n 's/.*"database":"\([a-z]*\)".*/\1/p')"
password='Calme-et-Zen-2025!'
tokens=()
for u in $(seq "$users"); do
    email="load-$u-$(date +%s%N)@example.fr"
    curl -sf -o /dev/null -X POST "$base/api/v1/accounts" -H 'content-type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Load $u\"}"
    token="$(curl -sf -X POST "$base/api/v1/sessions" -H 'content-type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
    tokens+=("$token")
    auth=(-H "authorization: Bearer $token" -H 'content-type: application/json')
    curl -sf -o /dev/null -X POST "$base/api/v1/me/consents" "${auth[@]}" \
        -d '{"purpose":"emotional_journal","textVersion":"2025-01","method":"explicit_statement"}'
    for i in $(seq 50); do
        curl -sf -o /dev/null -X POST "$base/api/v1/journal-entries" "${auth[@]}" \
            -d "{\"kind\":\"daily_mood\",\"emotion\":{\"base\":\"joy\"},\"intensity\":$((i % 10 + 1)),\"valence\":0.5,\"recordedAt\":\"2025-03-$(printf %02d $((i % 28 + 1)))T20:00:00Z\"}"
        curl -sf -o /dev/null -X POST "$base/api/v1/practice-sessions" "${auth[@]}" \
            -d '{"kind":"meditation","startedAt":"2025-03-14T07:00:00Z","endedAt":"2025-03-14T07:10:00Z","outcome":"completed"}'
    done
done
printf '%s\n' "$base/api/v1/me" "$base/api/v1/journal-entries?limit=20" "$base/api/v1/practice-sessions?limit=20" \
    > "$work/read-urls"
write_body='{"kind":"momentary_emotion","emotion":{"base":"fear","nuance":"worry"},"intensity":6,"valence":-0.4,"contextTags":["work"],"note":"Deadline tomorrow, breathing helped.","recordedAt":"2025-03-14T21:30:00Z"}'
report_body='{"period":{"type":"month","year":2025,"month":3}}'

# run MIX MODE: starts one generator per share of the mix, waits, prints the line.
run() {
    local mix="$1" mode="$2" run_dir="$work/$1-$2" pids=() n=0
    mkdir -p "$run_dir"
    # generator SHARE_OF_RATE SHARE_OF_CONNECTIONS TOKEN ARGS...: SHAREs are fractions of the whole run's.
    generator() {
        local share="$1" conns="$2" token="$3"
        shift 3
        n=$((n + 1))
        local pace=()
        if [ "$mode" = fixed ]; then
            pace=(-q "$(python3 -c "print($rate * $share)")" --latency-correction -c "$(python3 -c "print(max(2, round(64 * $conns)))")")
        else
            pace=(-c "$(python3 -c "print(max(1, round($connections * $conns)))")")
        fi
        oha --no-tui -w -z "${duration}s" --worker-threads 1 --output-format json -o "$run_dir/$n.json" \
            --db-url "$run_dir/$n.db" "${pace[@]}" -H "authorization: Bearer $token" "$@" 2>> "$run_dir/oha.log" >&2 &
        pids+=($!)
    }
    local share
    if [ "$mix" = read ]; then
        share="$(python3 -c "print(0.75 / $users)")"
        for token in "${tokens[@]}"; do
            generator "$share" "$share" "$token" --urls-from-file "$work/read-urls"
        done
        generator 0.25 0.25 "${tokens[0]}" -m POST -T application/json -d "$report_body" "$base/api/v1/reports/emotions"
    else
        share="$(python3 -c "print(1 / $users)")"
        for token in "${tokens[@]}"; do
            generator "$share" "$share" "$token" -m POST -T application/json -d "$write_body" "$base/api/v1/journal-entries"
        done
    fi
    wait "${pids[@]}"
    python3 - "$run_dir" "$backend" "$mix" "$mode" "$rate" "$duration" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import glob, json, sqlite3, sys
run_dir, backend, mix, mode, rate, duration, load = sys.argv[1:]
latencies, errors = [], 0
for path in glob.glob(f"{run_dir}/*.db"):
    db = sqlite3.connect(path)
    # With latency correction, a request's latency counts from when it should have been sent.
    for start, corrected, end, status in db.execute("SELECT start, start_latency_correction, end, status FROM oha"):
        latencies.append(end - (corrected if corrected is not None else start))
        errors += not 200 <= status < 300
for path in glob.glob(f"{run_dir}/*.json"):
    errors += sum(json.load(open(path)).get("errorDistribution", {}).values())
latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("nan")
asked = f"{rate} req/s" if mode == "fixed" else "closed loop"
print(f"| {backend} | {mix} | {asked} | {len(latencies) / float(duration):,.0f} req/s | {pct(50):.2f} ms | "
      f"{pct(99):.2f} ms | {errors} | {load} |")
PY
}

echo "| database | mix | rate asked | throughput | p50 | p99 | errors | load average (1, 5, 15 min) |"
echo "|---|---|---|---|---|---|---|---|"
for mix in ${MIXES:-read write}; do
    for mode in ${MODES:-fixed saturation}; do
        run "$mix" "$mode"
    done
done
