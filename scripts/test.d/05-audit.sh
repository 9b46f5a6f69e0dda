#!/usr/bin/env bash
# Dependency audit of Cargo.lock (scripts/audit.sh): a fresh RustSec database when the network
# allows, else the snapshot in $KONAPLATE_ADVISORY_DB or the one vendored in testdata/advisory-db/.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/audit.sh
