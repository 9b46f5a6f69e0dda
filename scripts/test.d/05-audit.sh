#!/usr/bin/env bash
# Dependency audit of Cargo.lock: advisories with cargo audit (scripts/audit.sh: a fresh RustSec
# database when the network allows, else $KONAPLATE_ADVISORY_DB or the snapshot vendored in
# testdata/advisory-db/), then licenses and banned crates with cargo deny (deny.toml, offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/audit.sh
if cargo deny --offline check licenses bans; then
  echo "ok   - cargo deny: every license allowed by deny.toml, no banned crate"
else
  echo "FAIL - cargo deny check licenses bans (above): review the license or the crate, then deny.toml"
  exit 1
fi
