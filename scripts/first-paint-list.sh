#!/usr/bin/env bash
# Remakes www/console-first-paint.txt, the functions scripts/split-console.mjs keeps in the page's
# first load, from a visit in headless Chromium (bench/page/first-paint-list.mjs) to the page
# built both ways (scripts/build-page.sh --small and --stable) with the console whole and named
# (KP_SPLIT=names). Run it when a page test says first paint or typing loaded the console's
# second module, and commit the list.
#
#   scripts/first-paint-list.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/page/node_modules/.package-lock.json ] || [ bench/page/package-lock.json -nt bench/page/node_modules/.package-lock.json ]; then
  npm ci --prefix bench/page --ignore-scripts --no-audit --no-fund --loglevel=error
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
KP_SPLIT=names bash scripts/build-page.sh --small --dist "$work/small" | tail -1
KP_SPLIT=names bash scripts/build-page.sh --stable --dist "$work/stable" | tail -1
node bench/page/first-paint-list.mjs "$work/small" "$work/stable"
