#!/usr/bin/env bash
# Benchmarks of the JS package (not tests): validate + sign vs ajv + node:crypto, and its size.
# Beside them, in the same run, the floor (bench/wasm-floor): a Wasm module that only reads the
# body through serde_json and signs it, built like the package's main entry: its speed and size.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
[ -d js/node_modules/ajv ] || npm ci --prefix js --no-audit --no-fund --loglevel=error
bash scripts/build-pkg.sh >/dev/null
mkdir -p js/node_modules && ln -sfn ../../pkg js/node_modules/konaplate

# The floor: the main entry's toolchain (small, or stable without nightly), profile and wasm-opt level.
source scripts/nightly.sh
mode=$(kp_mode bench-js.sh floor small)
target_dir=$(kp_target_dir "$mode" small-pkg)
floor="$target_dir/bench-floor"
kp_cargo "$mode" "$target_dir" build -q --target wasm32-unknown-unknown --profile release-wasm-fast -p konaplate-bench-floor
rm -rf "$floor" && mkdir -p "$floor"
wasm-bindgen --target web --out-dir "$floor" --out-name floor \
  "$target_dir/wasm32-unknown-unknown/release-wasm-fast/konaplate_bench_floor.wasm" 2>/dev/null
WASM_OPT_LEVEL=-O3 bash scripts/wasm-opt.sh "$floor/floor_bg.wasm"
bash scripts/minify.sh "$floor/floor.js"

KP_FLOOR="$floor" node js/bench/validate-sign.mjs
KP_FLOOR="$floor" node js/bench/size.mjs
