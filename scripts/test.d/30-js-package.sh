#!/usr/bin/env bash
# The JS package as users get it: build pkg/, import it by name from js/ (node:test: the API,
# the shared bad-input table, strict TypeScript checks; js/test/installed.test.mjs: `npm pack`,
# the tarball installed into a fresh app from js/consumer/, used from Node, bundled by esbuild
# and run in headless Chromium, type-checked with moduleResolution bundler and node16), the ajv
# differential (js/differential/ajv.mjs, 3,000 bodies per operation; `node js/differential/ajv.mjs
# 100000` for the long run), then a short fuzz of its boundary with arbitrary JS values
# (js/fuzz/boundary.mjs; a long run takes a count: node js/fuzz/boundary.mjs 1000000).
# Two builds of the package (scripts/build-pkg.sh): the one it ships by default (--small,
# nightly with std rebuilt; stable when nightly is missing) gets every test above, and its
# browser entry's build (for size) the API, bad-input and text-path tests in Node too; the other
# (--stable, the fallback) the API, bad-input, text-path and crypto tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
built=$(bash scripts/build-pkg.sh | tail -1)
echo "$built"
mkdir -p js/node_modules
ln -sfn ../../pkg js/node_modules/konaplate
node --test js/test/
node js/differential/ajv.mjs 3000 || { echo "FAIL - konaplate and ajv disagree (the seed above reproduces it)"; exit 1; }
node js/fuzz/boundary.mjs 2000 || { echo "FAIL - JS boundary fuzz (the seed above reproduces it)"; exit 1; }

# The tests import "konaplate" by name: the runs below point the link elsewhere, and back at pkg/
# however this ends (stage 40 uses pkg/).
trap 'ln -sfn ../../pkg js/node_modules/konaplate' EXIT
# Under Node, "konaplate" and "konaplate/document" are the Node entries' builds (for speed); the
# browser entries' (for size) are run above only by the Chromium bundle test. The same package with
# node.js and document-node.js reading the browser entries' builds (konaplate_node.js →
# konaplate.js, konaplate_document_node_bg.wasm → konaplate_document_bg.wasm, …): the API,
# bad-input and text-path tests.
rm -rf target/pkg-browser-build && cp -r pkg target/pkg-browser-build
for entry in node.js document-node.js; do
  sed -E 's/_node(\.js|_bg\.wasm)/\1/g' "pkg/$entry" >"target/pkg-browser-build/$entry"
done
rm target/pkg-browser-build/*_node.js target/pkg-browser-build/*_node_bg.wasm
ln -sfn ../../target/pkg-browser-build js/node_modules/konaplate
node --test js/test/package.test.mjs js/test/bad-inputs.test.mjs js/test/boundary.test.mjs

# The other build: the API, bad-input, text-path and crypto tests (skipped when the default fell back).
case "$built" in
  *"built small"*) ;;
  *) echo "30-js-package: the small build was not made (no nightly), so the stable run is the one above"; exit 0 ;;
esac
bash scripts/build-pkg.sh --stable --out target/pkg-stable | tail -1
ln -sfn ../../target/pkg-stable js/node_modules/konaplate
node --test js/test/package.test.mjs js/test/bad-inputs.test.mjs js/test/boundary.test.mjs js/test/crypto.test.mjs
