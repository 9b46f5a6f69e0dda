#!/usr/bin/env bash
# Builds the JS package into pkg/ (ready for `npm pack`): release-wasm profile, wasm-bindgen
# --target web, and two small ES-module entry points that instantiate the Wasm once:
#   node.js    Node 18+ (reads the .wasm with node:fs, synchronous init)
#   browser.js browsers and bundlers (fetches the .wasm next to it; top-level await)
# and the same pair for the `konaplate/document` subpath (document-node.js, document-browser.js:
# the same crate with the cargo feature `document`) and the `konaplate/crypto` subpath
# (crypto-node.js, crypto-browser.js).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=pkg
profile="${KP_PKG_PROFILE:-release-wasm-fast}"
rm -rf "$out" && mkdir -p "$out"
# The main entry (validate, build, sign, verify), then konaplate/document (the same plus other
# documents and the catalog's texts): one crate, built without and with its `document` feature.
for entry in konaplate:"" konaplate_document:document; do
  name="${entry%%:*}" features="${entry#*:}"
  cargo build -q --target wasm32-unknown-unknown --profile "$profile" -p konaplate-wasm ${features:+--features "$features"}
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/konaplate_wasm.wasm"
  WASM_OPT_LEVEL=-O3 bash scripts/wasm-opt.sh "$out/${name}_bg.wasm"
done
# konaplate/crypto (encryptBody, decryptBody): its own Wasm module, size-optimised, so the main
# entry does not grow; loaded only by code that imports the subpath.
cargo build -q --target wasm32-unknown-unknown --profile release-wasm -p konaplate-crypto-wasm
wasm-bindgen --target web --out-dir "$out" --out-name konaplate_crypto \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release-wasm/konaplate_crypto_wasm.wasm"
# Version and repository come from the workspace's Cargo.toml (one source of truth).
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
repository=$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -1)
cp js/package/* "$out/"
sed -i -e "s|\"version\": \"0.0.0\"|\"version\": \"$version\"|" \
  -e "s|\"url\": \"REPOSITORY\"|\"url\": \"git+$repository.git\"|" "$out/package.json"
echo "pkg/: $(ls "$out" | tr '\n' ' ')"
