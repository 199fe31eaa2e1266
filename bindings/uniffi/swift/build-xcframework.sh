#!/usr/bin/env bash
# Builds CesizenFFI.xcframework next to Package.swift: the Rust static library of `cesizen-uniffi` for iOS
# devices, the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64), each slice with the generated header and
# module map of Headers/. Needs macOS with Xcode's command-line tools and rustup; it cannot run on Linux.
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
