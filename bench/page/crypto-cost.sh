#!/usr/bin/env bash
# What the console's message-encryption support costs the page's first load (a measurement, not
# a test). Builds the page twice with scripts/build-page.sh (the same mode, default --small), each
# in a throwaway worktree of HEAD: as committed, and with bench/page/no-console-crypto.patch
# applied (the console without its encryption support: no panel slot, bridge, Crypto state,
# sealed body in the draft, request plaintext kept for the history, `show` call or their texts;
# the operation's Encrypted note stays).
# Prints both `size.mjs` tables and the first load's difference: the cost. The on-demand `crypto`
# module is built in both and reported apart.
#
#   bench/page/crypto-cost.sh [--small|--stable]
#
# Both builds use their own target directory (target/crypto-cost; cold the first time). Cargo
# keys a workspace crate's artifacts by its path inside the workspace and trusts file times, so
# two trees sharing a target directory can silently reuse each other's console; here each tree
# is checked out just before its build, newer than anything built before it.
# The patch is a diff of crates/konaplate-console/ against HEAD; when the console changes so that
# it no longer applies, remake it: remove the support in a copy, `git diff > …patch`.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:---small}"
work=$(mktemp -d)
trees=()
trap 'for t in "${trees[@]}"; do git worktree remove --force "$t" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/crypto-cost"
build() { # NAME [PATCH]: HEAD (with PATCH applied) checked out into $work/NAME, built into $work/NAME-dist
  local tree="$work/$1"
  git worktree add --quiet --detach "$tree" HEAD
  trees+=("$tree")
  [ -z "${2:-}" ] || git -C "$tree" apply "$2"
  # The throwaway tree uses this tree's tools (wasm-opt from js/node_modules).
  ln -s "$PWD/js/node_modules" "$tree/js/node_modules"
  (cd "$tree" && nice -n 10 bash scripts/build-page.sh "$mode" --dist "$work/$1-dist" | tail -1)
  node bench/page/size.mjs "$work/$1-dist" "$1" | tee "$work/$1.txt"
}
first_load() { sed -n 's/.*first load ([0-9]* files; \([0-9]*\) B gzip).*/\1/p' "$work/$1.txt"; }
build with
build without "$PWD/bench/page/no-console-crypto.patch"
with=$(first_load with)
without=$(first_load without)
echo "the console's encryption support on the first load: $((with - without)) B gzip ($with with, $without without)"
