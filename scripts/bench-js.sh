#!/usr/bin/env bash
# Benchmarks of the JS package (not tests): validate + sign vs ajv + node:crypto, and its size.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d js/node_modules/ajv ] || npm ci --prefix js --no-audit --no-fund --loglevel=error
bash scripts/build-pkg.sh >/dev/null
mkdir -p js/node_modules && ln -sfn ../../pkg js/node_modules/konaplate
node js/bench/validate-sign.mjs
node js/bench/size.mjs
