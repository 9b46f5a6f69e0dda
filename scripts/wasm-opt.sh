#!/usr/bin/env bash
# wasm-opt -O1 (and two passes after it, below) over the Wasm modules wasm-bindgen wrote, in place: the page's (a Trunk
# post_build hook, Trunk.toml) and the JS package's (scripts/build-pkg.sh).
#
#   scripts/wasm-opt.sh FILE.wasm...   (no FILE: every *_bg.wasm in $TRUNK_STAGING_DIR)
#
# binaryen 132 from js/node_modules (npm `binaryen`, pinned in js/package.json, installed by
# scripts/setup.sh; it runs offline): Debian's wasm-opt 108 corrupts wasm-bindgen's externref
# table (the module then fails to instantiate). The features rustc used are named, since
# `strip = true` drops the target_features section wasm-opt would read them from. -O1 is the
# level that pays for the size-built modules: -O2/-Os/-Oz make the gzip larger on them (measured:
# issue 15). WASM_OPT_LEVEL overrides it: the JS package's speed-built main module takes -O3,
# both faster and smaller there (2026-12-02: validate 3.2 → 3.0 µs, 136,954 → 135,328 B gzip).
# When wasm-bindgen's glue lies beside the module (NAME_bg.wasm → NAME.js), the import and export
# names are minified too and the glue rewritten to match (scripts/wasm-names.mjs, which checks
# every name): wasm-bindgen's hashed import names cost the console's first load 4 KB gzip.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/js/node_modules/.bin/wasm-opt"
[ -x "$bin" ] || { echo "wasm-opt.sh: $bin is missing; run scripts/setup.sh" >&2; exit 1; }
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -n "${TRUNK_STAGING_DIR:-}" ] || { echo "wasm-opt.sh: no file given and no TRUNK_STAGING_DIR" >&2; exit 2; }
  mapfile -t files < <(find "$TRUNK_STAGING_DIR" -maxdepth 1 -name '*_bg.wasm')
fi
# Dead-argument elimination and duplicate-function elimination after -O1: 697 B gzip less on the
# console (2026-12-03; -O2 and above include them but lose more elsewhere).
passes="-O1 --dae-optimizing --duplicate-function-elimination"
map=$(mktemp)
trap 'rm -f "$map"' EXIT
for file in "${files[@]}"; do
  glue="${file%_bg.wasm}.js"
  minify=()
  [ "$glue" != "$file.js" ] && [ -f "$glue" ] && minify=(--minify-imports-and-exports-and-modules)
  # The page's console keeps its function names (profile release-wasm-named) for
  # scripts/split-console.mjs, which strips them; every other module leaves here without names.
  [ "$(basename "$file")" = konaplate-console_bg.wasm ] && minify+=(-g)
  # shellcheck disable=SC2086 # the passes are words
  "$bin" ${WASM_OPT_LEVEL:-$passes} "${minify[@]}" --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue "$file" -o "$file.opt" >"$map"
  mv "$file.opt" "$file"
  [ ${#minify[@]} -eq 0 ] || node "$root/scripts/wasm-names.mjs" "$map" "$file" "$glue"
done
