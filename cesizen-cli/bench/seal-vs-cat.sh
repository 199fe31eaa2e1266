#!/usr/bin/env bash
# Backup throughput of `cesizen backup seal | open | verify` against `cat` of the same file, in one hyperfine run
# (the file is in the page cache for all of them), and the peak memory of a seal (it must not grow with the input).
#
#   cargo build --release -p cesizen-cli && cesizen-cli/bench/seal-vs-cat.sh [BINARY...]
#
# SIZE_MIB (default 1024) sets the input size; RUNS (default 5) the timed runs per command. Several binaries
# (e.g. one built with `--features ring`) are measured side by side. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${SIZE_MIB:-1024}
runs=${RUNS:-5}
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(target/release/cesizen)
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo "input: $size_mib MiB of random bytes (incompressible, like a compressed pg_dump)"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$dir/dump"
first=${binaries[0]}
"$first" keys init --keyring "$dir/keyring.czk" --root-key-file "$dir/root.key" --create-root-key >/dev/null
keys=(--keyring "$dir/keyring.czk" --root-key-file "$dir/root.key")
"$first" backup seal "${keys[@]}" -i "$dir/dump" -o "$dir/dump.cze"

commands=("cat $dir/dump" "cat $dir/dump | cat")
names=("cat FILE" "cat FILE | cat")
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
for r in results:
    print(f"  {r['command']:<34} {mib / r['mean']:8.0f} MiB/s   (mean {r['mean']:.3f} s ± {r['stddev'] or 0:.3f})")
PY
echo
for bin in "${binaries[@]}"; do
    /usr/bin/time -f "peak memory of $(basename "$bin") backup seal over $size_mib MiB: %M KiB" \
        "$bin" backup seal "${keys[@]}" -i "$dir/dump" > /dev/null
done
