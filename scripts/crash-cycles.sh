#!/usr/bin/env bash
# Crash cycles under load (not part of the test suite, which runs a 2-cycle version):
# CYCLES × (CONNECTIONS keep-alive connections sending signed charges, 1 in 5 a repeat of an
# acknowledged sequenceId, for SECONDS; then kill -9; then restart on the same --db file),
# then the ledger is checked and the figures printed (requests, 200s, repeats, lost).
#
# Usage: scripts/crash-cycles.sh [CYCLES=10] [SECONDS=5] [CONNECTIONS=32]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
KP_CRASH_CYCLES="${1:-10}" KP_CRASH_SECONDS="${2:-5}" KP_CRASH_CONNECTIONS="${3:-32}" \
  cargo test -q -p konaplate-cli --test crash_cycles -- --nocapture --test-threads=1
