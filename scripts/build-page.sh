#!/usr/bin/env bash
# Builds the Try It page for release with Trunk (Trunk.toml, index.html) into DIST.
#
#   scripts/build-page.sh [--small|--stable] [--dist DIST]   (default: --small into dist/)
#
# --small   nightly Rust with the standard library rebuilt for wasm32 and the page's profile:
#           -Zbuild-std=std,panic_abort with the std feature optimize_for_size,
#           -Cpanic=immediate-abort (a panic is a bare trap: no message formatting, no panic
#           machinery) and -Zlocation-detail=none (no file/line/column strings). Its own target
#           directory ($CARGO_TARGET_DIR or target, then /small), so the stable artifacts stay warm.
#           Without a nightly that has rust-src and the wasm32 target (scripts/setup.sh installs
#           them) it says so and builds --stable instead.
# --stable  the default toolchain (stable) and its prebuilt std (panic=abort from the release-wasm profile).
#
# KP_NIGHTLY names the nightly toolchain (default `nightly`; e.g. nightly-2026-05-19 to pin one).
# The last line printed names the build made: "build-page.sh: built small ..." or "... stable ...".
# Sizes: README.md "Page size". Nothing here relies on catching a panic: the page's rule is that
# nothing panics on any input (ARCHITECTURE.md), and immediate-abort only changes what a bug costs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

mode=small
dist=dist
nightly="${KP_NIGHTLY:-nightly}"
while [ $# -gt 0 ]; do
  case "$1" in
    --small) mode=small ;;
    --stable) mode=stable ;;
    --dist) dist="$2"; shift ;;
    --dist=*) dist="${1#--dist=}" ;;
    *) echo "build-page.sh: unknown option $1 (--small, --stable, --dist DIR)" >&2; exit 2 ;;
  esac
  shift
done

# Nightly is usable when rustup has it with rust-src (build-std's sources), the wasm32 target,
# and the standard library's own dependencies in cargo's cache (Trunk builds offline).
# (RUSTUP_AUTO_INSTALL=0: asking is not installing; scripts/setup.sh installs.)
nightly_ready() {
  local sysroot
  sysroot=$(RUSTUP_AUTO_INSTALL=0 rustup run "$nightly" rustc --print sysroot 2>/dev/null) || return 1
  [ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ] && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ] &&
    RUSTUP_AUTO_INSTALL=0 rustup run "$nightly" cargo fetch -q --offline --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null 2>&1
}

if [ "$mode" = small ] && ! nightly_ready; then
  echo "build-page.sh: $nightly Rust with rust-src, wasm32-unknown-unknown and its std's crates is not installed" \
    "(scripts/setup.sh installs it): building the stable page instead" >&2
  mode=stable
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ "$mode" = small ]; then
  target_dir="${CARGO_TARGET_DIR:-$PWD/target}/small"
  # Trunk runs `cargo build --target wasm32-unknown-unknown`; these reach that cargo (and only
  # the target: with --target, RUSTFLAGS skip build scripts and proc macros).
  env -u CARGO_ENCODED_RUSTFLAGS \
    RUSTUP_TOOLCHAIN="$nightly" \
    CARGO_TARGET_DIR="$target_dir" \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg sha2_backend_soft=\"compact\"" \
    trunk build --release --dist "$dist" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  echo "build-page.sh: built small ($(rustup run "$nightly" rustc -V), build-std, immediate-abort) into $dist"
else
  trunk build --release --dist "$dist" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  echo "build-page.sh: built stable ($(rustc -V)) into $dist"
fi
