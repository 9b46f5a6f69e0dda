#!/usr/bin/env bash
# The JS package as users get it: build pkg/, import it by name from js/ (node:test), and
# type-check a strict TypeScript example plus a call that must not compile.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build-pkg.sh
mkdir -p js/node_modules
ln -sfn ../../pkg js/node_modules/konaplate
node --test js/test/
