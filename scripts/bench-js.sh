#!/usr/bin/env bash
# Benchmarks of the JS package (not tests): validate + sign vs ajv + node:crypto, and its size.
# Beside them, in the same run, the floor (bench/wasm-floor): a Wasm module that only reads the
# body through serde_json and signs it, built like each build of the package's main entry (for
# browsers: size; for Node: speed): its speed and size.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
[ -d js/node_modules/ajv ] || npm ci --prefix js --no-audit --no-fund --loglevel=error
bash scripts/build-pkg.sh >/dev/null
mkdir -p js/node_modules && ln -sfn ../../pkg js/node_modules/konaplate

# The floor, built like each build of the main entry (scripts/build-pkg.sh: the toolchain, small or
# stable without nightly, and kp_module's profile and wasm-opt level): NAME:PROFILE:WASM_OPT_LEVEL.
source scripts/nightly.sh
mode=$(kp_mode bench-js.sh floor small)
floor="$(kp_target_dir "$mode" small-pkg)/bench-floor"
rm -rf "$floor" && mkdir -p "$floor"
for build in floor_small:release-wasm: floor:release-wasm-fast:-O3; do
  IFS=: read -r name profile level <<<"$build"
  kp_module "$mode" "$profile" konaplate-bench-floor "$floor" "$name" "$level"
  bash scripts/minify.sh "$floor/$name.js"
done

KP_FLOOR="$floor" node js/bench/validate-sign.mjs
KP_FLOOR="$floor" node js/bench/size.mjs
