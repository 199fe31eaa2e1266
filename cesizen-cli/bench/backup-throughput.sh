#!/usr/bin/env bash
# Backup throughput of `cesizen backup seal | open | verify` against `cat` of the same file and against `age`
# (X25519 recipient, no passphrase: what an operator would otherwise use), in one hyperfine run (the file is in the
# page cache for all of them), the ratios to age, and the peak memory of a seal (it must not grow with the input).
#
#   cargo build --release -p cesizen-cli && cesizen-cli/bench/backup-throughput.sh [BINARY...]
#
# SIZE_MIB (default 1024) sets the input size; RUNS (default 5) the timed runs per command. Several binaries
# (e.g. one built with `--features cesizen-crypto/portable`) are measured side by side. Needs hyperfine and age
# (apt-get install hyperfine age). Goal: seal and open at least 2x age's throughput.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${SIZE_MIB:-1024}
runs=${RUNS:-5}
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(target/release/cesizen)
for tool in hyperfine age age-keygen; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install hyperfine age" >&2; exit 1; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo "input: $size_mib MiB of random bytes (incompressible, like a compressed pg_dump)"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$dir/dump"
first=${binaries[0]}
"$first" keys init --keyring "$dir/keyring.czk" --root-key-file "$dir/root.key" --create-root-key >/dev/null
keys=(--keyring "$dir/keyring.czk" --root-key-file "$dir/root.key")
"$first" backup seal "${keys[@]}" -i "$dir/dump" -o "$dir/dump.cze"
age-keygen -o "$dir/age.key" 2>/dev/null
recipient=$(age-keygen -y "$dir/age.key")
age -r "$recipient" -o "$dir/dump.age" "$dir/dump"

commands=("cat $dir/dump" "cat $dir/dump | cat" "age -r $recipient $dir/dump" "age -d -i $dir/age.key $dir/dump.age")
names=("cat FILE" "cat FILE | cat" "age seal FILE" "age open FILE")
for bin in "${binaries[@]}"; do
    tag=$(basename "$bin")
    commands+=("$bin backup seal ${keys[*]} -i $dir/dump"
               "cat $dir/dump | $bin backup seal ${keys[*]}"
               "$bin backup open ${keys[*]} -i $dir/dump.cze"
               "$bin backup verify ${keys[*]} -i $dir/dump.cze")
    names+=("$tag seal FILE" "cat FILE | $tag seal" "$tag open FILE" "$tag verify FILE")
done
args=()
for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
hyperfine --warmup 1 --runs "$runs" --export-json "$dir/results.json" "${args[@]}"
echo
echo "MiB/s (input size / mean time):"
python3 - "$dir/results.json" "$size_mib" <<'PY'
import json, sys
results, mib = json.load(open(sys.argv[1]))["results"], int(sys.argv[2])
mean = {r["command"]: r["mean"] for r in results}
for r in results:
    print(f"  {r['command']:<34} {mib / r['mean']:8.0f} MiB/s   (mean {r['mean']:.3f} s ± {r['stddev'] or 0:.3f})")
print("\nThroughput ÷ age's (goal ≥ 2):")
for name, t in mean.items():
    for op in ("seal FILE", "open FILE"):
        if name.endswith(op) and not name.startswith("age"):
            print(f"  {name:<34} {mean['age ' + op] / t:5.2f}x")
PY
echo
for bin in "${binaries[@]}"; do
    /usr/bin/time -f "peak memory of $(basename "$bin") backup seal over $size_mib MiB: %M KiB" \
        "$bin" backup seal "${keys[@]}" -i "$dir/dump" > /dev/null
done
