#!/usr/bin/env bash
# What the console's message-encryption support costs the page's first load (a measurement, not
# a test). Builds the page twice with scripts/build-page.sh (the same mode, default --small): as
# committed (HEAD), and in a throwaway worktree of HEAD with bench/page/no-console-crypto.patch
# applied (the console without its encryption support: no panel slot, bridge, Crypto state,
# sealed body, response decryption display or their texts; the operation's Encrypted note
# stays). Prints both `size.mjs` tables and the first load's difference: today's cost. The
# on-demand `crypto` module is built in both and reported apart.
#
#   bench/page/crypto-cost.sh [--small|--stable]
#
# The patch is a diff of crates/konaplate-console/ against HEAD; when the console changes so that
# it no longer applies, remake it: remove the support in a copy, `git diff > …patch`.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:---small}"
work=$(mktemp -d)
bare="$work/bare"
trap 'git worktree remove --force "$bare" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$bare" HEAD >/dev/null
git -C "$bare" apply "$PWD/bench/page/no-console-crypto.patch"
# The throwaway tree uses this tree's tools (wasm-opt from js/node_modules) and build cache.
ln -s "$PWD/js/node_modules" "$bare/js/node_modules"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
nice -n 10 bash scripts/build-page.sh "$mode" --dist "$work/with" | tail -1
(cd "$bare" && nice -n 10 bash scripts/build-page.sh "$mode" --dist "$work/without" | tail -1)
with=$(node bench/page/size.mjs "$work/with" with | tee /dev/stderr | sed -n 's/.*first load ([0-9]* files; \([0-9]*\) B gzip).*/\1/p')
without=$(node bench/page/size.mjs "$work/without" without | tee /dev/stderr | sed -n 's/.*first load ([0-9]* files; \([0-9]*\) B gzip).*/\1/p')
echo "the console's encryption support on the first load: $((with - without)) B gzip ($with with, $without without)"
