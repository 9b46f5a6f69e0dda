#!/usr/bin/env bash
# The JS package as users get it: build pkg/, import it by name from js/ (node:test: the API,
# the shared bad-input table, strict TypeScript checks; js/test/installed.test.mjs: `npm pack`,
# the tarball installed into a fresh app from js/consumer/, used from Node, bundled by esbuild
# and run in headless Chromium, type-checked with moduleResolution bundler and node16), the ajv
# differential (js/differential/ajv.mjs, 3,000 bodies per operation; `node js/differential/ajv.mjs
# 100000` for the long run), then a short fuzz of its boundary with arbitrary JS values
# (js/fuzz/boundary.mjs; a long run takes a count: node js/fuzz/boundary.mjs 1000000).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build-pkg.sh
mkdir -p js/node_modules
ln -sfn ../../pkg js/node_modules/konaplate
node --test js/test/
node js/differential/ajv.mjs 3000 || { echo "FAIL - konaplate and ajv disagree (the seed above reproduces it)"; exit 1; }
node js/fuzz/boundary.mjs 2000 || { echo "FAIL - JS boundary fuzz (the seed above reproduces it)"; exit 1; }
