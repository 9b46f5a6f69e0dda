#!/usr/bin/env bash
# Builds the Try It page for release with Trunk (Trunk.toml, index.html) into DIST.
#
#   scripts/build-page.sh [--small|--stable] [--dist DIST]   (default: --small into dist/)
#
# --small   nightly Rust with the standard library rebuilt (scripts/nightly.sh: build-std with
#           optimize_for_size, immediate-abort, no location strings) and the page's profile, plus
#           sha2's compact software backend; its own target directory ($CARGO_TARGET_DIR or target,
#           then /small), so the stable artifacts stay warm. Without a nightly that has rust-src and
#           the wasm32 target (scripts/setup.sh installs them) it says so and builds --stable instead.
# --stable  the default toolchain (stable) and its prebuilt std (panic=abort from the release-wasm profile).
#
# The last line printed names the build made: "build-page.sh: built small ..." or "... stable ...".
# Sizes: README.md "Page size".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

source scripts/nightly.sh
kp_options build-page.sh --dist dist "$@"
dist=$kp_dir
mode=$(kp_mode build-page.sh page "$kp_mode_asked")

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ "$mode" = small ]; then
  kp_small "$(kp_size_target_dir small)" "$kp_size_flags" \
    trunk build --release --dist "$dist" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
else
  trunk build --release --dist "$dist" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
kp_built build-page.sh "$mode" "$dist"
