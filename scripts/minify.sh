#!/usr/bin/env bash
# Minifies the page's JavaScript and CSS in place with esbuild (a Trunk post_build hook,
# Trunk.toml): wasm-bindgen's glue for every module, www/konaplate-try-it.js and the
# stylesheets. Transform only (no bundling): each file keeps its ES module imports and exports,
# `import.meta.url` and its syntax (esbuild's default target, esnext, lowers nothing). What a
# browser fetches is smaller; the sources stay readable in the repository. Trunk's own minifier
# is left off (it skips copy-file assets, and a second minifier would be a second way).
#
#   scripts/minify.sh FILE...   (no FILE: every *.js and *.css in $TRUNK_STAGING_DIR)
#
# esbuild comes from js/node_modules (pinned in js/package.json, installed by scripts/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/js/node_modules/.bin/esbuild"
[ -x "$bin" ] || { echo "minify.sh: $bin is missing; run scripts/setup.sh" >&2; exit 1; }
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -n "${TRUNK_STAGING_DIR:-}" ] || { echo "minify.sh: no file given and no TRUNK_STAGING_DIR" >&2; exit 2; }
  mapfile -t files < <(find "$TRUNK_STAGING_DIR" -maxdepth 1 \( -name '*.js' -o -name '*.css' \))
fi
for file in "${files[@]}"; do
  "$bin" "$file" --minify --log-level=warning --outfile="$file.min"
  mv "$file.min" "$file"
done
