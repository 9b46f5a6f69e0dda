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
target_dir=$(kp_target_dir "$mode" small-pkg)
# cargo build with the chosen toolchain, in target_dir.
build() { kp_cargo "$mode" "$target_dir" build "$@"; }
# The modules built for size (the browser entries', konaplate/crypto's) are built as the page's
# are (kp_cargo_for_size: in the small build, sha2's compact backend, 2,194 B gzip less on the
# main entry on 2026-12-03, and the page's target directory, so the standard library is rebuilt
# once for all of them).
size_target_dir=$(kp_target_dir "$mode" small)
build_for_size() { kp_cargo_for_size "$mode" build "$@"; }
rm -rf "$out" && mkdir -p "$out"
# One crate, konaplate-wasm, four times. NAME:FEATURES:PROFILE:WASM_OPT_LEVEL (empty: wasm-opt.sh's
# size passes); release-wasm is the size build (build_for_size).
#   konaplate           the main entry for browsers and bundlers (validate, build, sign, verify; the
#                       `lean` feature: no catalog prose), for size
#   konaplate_node      the same main entry for Node, for speed
#   konaplate_document  konaplate/document for browsers and bundlers (the same plus other
#                       documents and the catalog's texts; the `document` feature), for size
#   konaplate_document_node  konaplate/document for Node, for speed
for entry in konaplate:lean:release-wasm: konaplate_node:lean:release-wasm-fast:-O3 \
  konaplate_document:document:release-wasm: konaplate_document_node:document:release-wasm-fast:-O3; do
  IFS=: read -r name features profile level <<<"$entry"
  if [ "$profile" = release-wasm ]; then builder=build_for_size dir=$size_target_dir; else builder=build dir=$target_dir; fi
  "$builder" -q --target wasm32-unknown-unknown --profile "$profile" -p konaplate-wasm ${features:+--features "$features"}
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$dir/wasm32-unknown-unknown/$profile/konaplate_wasm.wasm"
  WASM_OPT_LEVEL=$level bash scripts/wasm-opt.sh "$out/${name}_bg.wasm"
done
# konaplate/crypto (encryptBody, decryptBody): its own Wasm module, one build for size in both
# environments (its cost is RSA), so the main entry does not grow; loaded only by code that imports
# the subpath.
build_for_size -q --target wasm32-unknown-unknown --profile release-wasm -p konaplate-crypto-wasm
wasm-bindgen --target web --out-dir "$out" --out-name konaplate_crypto \
  "$size_target_dir/wasm32-unknown-unknown/release-wasm/konaplate_crypto_wasm.wasm"
# wasm-opt at the page's size passes (scripts/wasm-opt.sh's default): 105,615 -> 101,815 B gzip.
bash scripts/wasm-opt.sh "$out/konaplate_crypto_bg.wasm"
# Version and repository come from the workspace's Cargo.toml (one source of truth).
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
repository=$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -1)
cp js/package/* "$out/"
# wasm-bindgen's glue minified (esbuild transform, as the page's: scripts/minify.sh): the main
# entry's 3,529 -> 2,203 B gzip. The hand-written entries and the types stay as written.
bash scripts/minify.sh "$out/konaplate.js" "$out/konaplate_node.js" "$out/konaplate_document.js" \
  "$out/konaplate_document_node.js" "$out/konaplate_crypto.js"
sed -i -e "s|\"version\": \"0.0.0\"|\"version\": \"$version\"|" \
  -e "s|\"url\": \"REPOSITORY\"|\"url\": \"git+$repository.git\"|" "$out/package.json"
echo "$out/: $(ls "$out" | tr '\n' ' ')"
kp_built build-pkg.sh "$mode" "$out"
