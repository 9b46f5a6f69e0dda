#!/usr/bin/env bash
# Size profile of the shipped Wasm modules (not a test): builds them with the `wasm-profile`
# cargo profile (release-wasm, the page's profile, but keeping the name section) and prints
# sections, code bytes per crate and the largest functions (bench/wasm-profile.py).
#
#   scripts/wasm-profile.sh [console|package|both]   (default both; TOP=25 functions)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
which="${1:-both}"
dir="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-profile"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile() { # crate artifact
  nice -n 10 cargo build -q --target wasm32-unknown-unknown --profile wasm-profile -p "$1"
  # What ships is wasm-bindgen's output (it drops the describe functions and its custom section;
  # it keeps the name section); wasm-opt's -O1 (scripts/wasm-opt.sh) is left out so names stay.
  wasm-bindgen --target web --out-dir "$work" --out-name "$2" "$dir/$2.wasm" 2>/dev/null
  python3 bench/wasm-profile.py "$work/$2_bg.wasm" "${TOP:-25}"
}
case "$which" in
  console) profile konaplate-console konaplate_console ;;
  package) profile konaplate-wasm konaplate_wasm ;;
  both) profile konaplate-console konaplate_console; echo; profile konaplate-wasm konaplate_wasm ;;
  *) echo "wasm-profile.sh: console, package or both" >&2; exit 2 ;;
esac
