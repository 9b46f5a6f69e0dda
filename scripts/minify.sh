#!/usr/bin/env bash
# Minifies the page's JavaScript and CSS in place with esbuild (a Trunk post_build hook,
# Trunk.toml): wasm-bindgen's glue for every module, www/konaplate-try-it.js and the
# stylesheets; and takes the comments out of index.html. Transform only (no bundling): each file
# keeps its ES module imports and exports, `import.meta.url` and its syntax (esbuild's default target, esnext, lowers nothing). What a
# browser fetches is smaller; the sources stay readable in the repository. Trunk's own minifier
# is left off (it skips copy-file assets, and a second minifier would be a second way).
#
#   scripts/minify.sh FILE...   (no FILE: every *.js and *.css, and index.html, in $TRUNK_STAGING_DIR)
#
# esbuild comes from js/node_modules (pinned in js/package.json, installed by scripts/setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/js/node_modules/.bin/esbuild"
[ -x "$bin" ] || { echo "minify.sh: $bin is missing; run scripts/setup.sh" >&2; exit 1; }
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -n "${TRUNK_STAGING_DIR:-}" ] || { echo "minify.sh: no file given and no TRUNK_STAGING_DIR" >&2; exit 2; }
  mapfile -t files < <(find "$TRUNK_STAGING_DIR" -maxdepth 1 \( -name '*.js' -o -name '*.css' -o -name index.html \))
fi
for file in "${files[@]}"; do
  case "$file" in
    # The Try It page: its comments are for this repository's readers, and the data-trunk links
    # Trunk leaves in place (inject_scripts = false) are for Trunk; neither is sent (914 B gzip
    # less on the first load, 2026-12-03). Nothing else is rewritten: Trunk's minifier
    # (minify-html) would also drop the empty `heading` attribute <konaplate-try-it> reads as a
    # flag. The embed sample keeps its comments: they are written for the portal teams reading it.
    *.html) node -e '
      const fs = require("node:fs");
      const [file] = process.argv.slice(1);
      const html = fs.readFileSync(file, "utf8")
        .replace(/<!--[\s\S]*?-->/g, "")
        .replace(/<link data-trunk [^>]*>/g, "")
        .replace(/\n\s*(?=\n)/g, "");
      fs.writeFileSync(file, html);' "$file" ;;
    *) "$bin" "$file" --minify --log-level=warning --outfile="$file.min"
       mv "$file.min" "$file" ;;
  esac
done
