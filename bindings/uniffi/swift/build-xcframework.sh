#!/usr/bin/env bash
# Builds CesizenFFI.xcframework next to Package.swift: the Rust static library of `cesizen-uniffi` for iOS
# devices, the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64), each slice with the generated header and
# module map of Headers/. Needs macOS with Xcode's command-line tools and rustup; it cannot run on Linux.
#
# Then it zips it (CesizenFFI.xcframework.zip, the asset to attach to the GitHub release vX.Y.Z), computes the
# zip's SwiftPM checksum, records the asset's URL and the checksum in binary-target.json and prints the binary
# target line Package.swift must hold; the `release` suite of `cargo xtask test` checks the two agree.
#
#   bindings/uniffi/swift/build-xcframework.sh            # release build (what an app ships)
#   PROFILE=debug bindings/uniffi/swift/build-xcframework.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
workspace="$(cd "$here/../../.." && pwd)"
profile="${PROFILE:-release}"
target_dir="${CARGO_TARGET_DIR:-$workspace/target}"
lib=libcesizen_uniffi.a

if [[ "$(uname -s)" != Darwin ]]; then
    echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)" >&2
    exit 1
fi

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"

cargo_profile=()
[[ "$profile" == release ]] && cargo_profile=(--release)
for target in "${targets[@]}"; do
    cargo build --manifest-path "$workspace/Cargo.toml" -p cesizen-uniffi --lib --target "$target" "${cargo_profile[@]}"
done

built() { echo "$target_dir/$1/$profile/$lib"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ios-simulator" "$work/macos"
lipo -create "$(built aarch64-apple-ios-sim)" "$(built x86_64-apple-ios)" -output "$work/ios-simulator/$lib"
lipo -create "$(built aarch64-apple-darwin)" "$(built x86_64-apple-darwin)" -output "$work/macos/$lib"

rm -rf "$here/CesizenFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$(built aarch64-apple-ios)" -headers "$here/Headers" \
    -library "$work/ios-simulator/$lib" -headers "$here/Headers" \
    -library "$work/macos/$lib" -headers "$here/Headers" \
    -output "$here/CesizenFFI.xcframework"
echo "built $here/CesizenFFI.xcframework"

# The release build is what SwiftPM users download: zip it with ditto (keeps the framework's symlinks) and record it.
[[ "$profile" == release ]] || exit 0
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$workspace/Cargo.toml")"
zip="$here/CesizenFFI.xcframework.zip"
rm -f "$zip"
(cd "$here" && ditto -c -k --sequesterRsrc --keepParent CesizenFFI.xcframework "$zip")
checksum="$(cd "$here" && swift package compute-checksum "$zip")"
url="https://github.com/cesizen/cesizen-sdk/releases/download/v$version/CesizenFFI.xcframework.zip"
printf '{\n  "url": "%s",\n  "checksum": "%s"\n}\n' "$url" "$checksum" > "$here/binary-target.json"
echo "zipped $zip"
echo "SwiftPM checksum: $checksum (recorded in binary-target.json)"
echo "Package.swift's binary target must read:"
echo "        .binaryTarget(name: \"CesizenFFI\", url: \"$url\", checksum: \"$checksum\"),"
