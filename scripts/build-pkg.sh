#!/usr/bin/env bash
# Builds the JS package into pkg/ (ready for `npm pack`): Wasm built for release, wasm-bindgen
# --target web, and two small ES-module entry points that instantiate the Wasm once:
#   node.js    Node 18+ (reads konaplate_node_bg.wasm with node:fs, synchronous init): the main
#              entry built for speed (opt-level 3, wasm-opt -O3), where bytes are read from disk
#   browser.js browsers and bundlers (fetches konaplate_bg.wasm next to it; top-level await): the
#              same crate and features built for size (opt-level z, wasm-opt's size passes), the
#              bytes a bundle ships (sizes and speeds of both: README.md "JS package")
# and the same pair, built the same two ways, for the `konaplate/document` subpath (document-node.js,
# document-browser.js: the same crate with the cargo feature `document`), and for the
# `konaplate/crypto` subpath (crypto-node.js, crypto-browser.js: one build, for size).
#
#   scripts/build-pkg.sh [--small|--stable] [--out DIR]   (default: --small into pkg/)
#
# --small   the small build of scripts/nightly.sh (nightly, std rebuilt, immediate-abort, no
#           location strings): smaller at the same speed (sizes: README.md "JS package"). The
#           speed builds in their own target directory ($CARGO_TARGET_DIR or target, then
#           /small-pkg), the size builds in the page's (/small). Without nightly it says so and
#           builds --stable.
# --stable  the default toolchain (stable) and its prebuilt std.
# The last line printed names the build made: "build-pkg.sh: built small ..." or "... stable ...".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/nightly.sh
kp_options build-pkg.sh --out pkg "$@"
out=$kp_dir
mode=$(kp_mode build-pkg.sh package "$kp_mode_asked")
rm -rf "$out" && mkdir -p "$out"
# Each module through kp_module (scripts/nightly.sh). Those built for size (profile release-wasm:
# the browser entries', konaplate/crypto's) are built as the page's are: in the small build with
# sha2's compact backend (2,194 B gzip less on the main entry on 2026-12-03) and in the page's
# target directory, so the standard library is rebuilt once for all of them.
# One crate, konaplate-wasm, four times. NAME:FEATURES:PROFILE:WASM_OPT_LEVEL (empty: wasm-opt.sh's
# size passes).
#   konaplate           the main entry for browsers and bundlers (validate, build, sign, verify; the
#                       `lean` feature: no catalog prose), for size
#   konaplate_node      the same main entry for Node, for speed
#   konaplate_document  konaplate/document for browsers and bundlers (the same plus other
#                       documents and the catalog's texts; the `document` feature), for size
#   konaplate_document_node  konaplate/document for Node, for speed
for entry in konaplate:lean:release-wasm: konaplate_node:lean:release-wasm-fast:-O3 \
  konaplate_document:document:release-wasm: konaplate_document_node:document:release-wasm-fast:-O3; do
  IFS=: read -r name features profile level <<<"$entry"
  kp_module "$mode" "$profile" konaplate-wasm "$out" "$name" "$level" ${features:+--features "$features"}
done
# konaplate/crypto (encryptBody, decryptBody): its own Wasm module, one build for size in both
# environments (its cost is RSA), so the main entry does not grow; loaded only by code that imports
# the subpath. wasm-opt at the size passes: 105,615 -> 101,815 B gzip.
kp_module "$mode" release-wasm konaplate-crypto-wasm "$out" konaplate_crypto ""
# Version and repository come from the workspace's Cargo.toml (one source of truth).
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
repository=$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -1)
cp js/package/* "$out/"
# The version boundary.js answers `version()` with, written in before it is minified and bundled.
sed -i "s|^const VERSION = \"0.0.0\";|const VERSION = \"$version\";|" "$out/boundary.js"
grep -q "^const VERSION = \"$version\";" "$out/boundary.js" || { echo "build-pkg.sh: no VERSION line in boundary.js" >&2; exit 1; }
# wasm-bindgen's glue minified (esbuild transform, as the page's: scripts/minify.sh), and
# boundary.js, which every entry but crypto's loads (its comments are for this repository's
# readers). The entries and the types stay as written.
bash scripts/minify.sh "$out/konaplate.js" "$out/konaplate_node.js" "$out/konaplate_document.js" \
  "$out/konaplate_document_node.js" "$out/konaplate_crypto.js" "$out/boundary.js"
# The two browser entries bundled, each into one file with its glue and boundary.js (esbuild):
# what a page importing the package unbundled fetches, as a bundler would make it. The glue's
# Node-only path (initSync) falls out; one file compresses better than three (the main entry's
# JavaScript 4,475 -> 4,140 B gzip, 2026-12-04). The Node entries read their files from disk.
for entry in browser document-browser; do
  js/node_modules/.bin/esbuild "$out/$entry.js" --bundle --format=esm --minify --allow-overwrite \
    --outfile="$out/$entry.js" --log-level=warning
done
sed -i -e "s|\"version\": \"0.0.0\"|\"version\": \"$version\"|" \
  -e "s|\"url\": \"REPOSITORY\"|\"url\": \"git+$repository.git\"|" "$out/package.json"
echo "$out/: $(ls "$out" | tr '\n' ' ')"
kp_built build-pkg.sh "$mode" "$out"
