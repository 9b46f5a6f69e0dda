#!/usr/bin/env bash
# Serves the Try It page at http://127.0.0.1:8080 with Trunk (rebuilds on change).
# Installs what it needs first (scripts/setup.sh, idempotent). Extra arguments go to trunk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-browser
export PATH="$HOME/.cargo/bin:$PATH"
echo "konaplate: serving the Try It page at http://127.0.0.1:8080"
exec trunk serve "$@"
