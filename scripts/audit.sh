#!/usr/bin/env bash
# Dependency audit: `cargo audit` of Cargo.lock against the RustSec advisory database.
# A fresh database is fetched when the network allows; otherwise a snapshot is used: the git
# bundle or clone named by KONAPLATE_ADVISORY_DB, or the one vendored in testdata/advisory-db/.
# Advisories the project accepts are ignored by id in .cargo/audit.toml, each explained in
# README.md ("Dependencies"); none is ignored wholesale.
#
# Usage: scripts/audit.sh            (KONAPLATE_AUDIT_OFFLINE=1: skip the fetch, use the snapshot)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
FRESH_URL=https://github.com/rustsec/advisory-db.git
snapshot="${KONAPLATE_ADVISORY_DB:-testdata/advisory-db/rustsec-2026-08-21.bundle}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${KONAPLATE_AUDIT_OFFLINE:-0}" != 1 ] &&
  GIT_TERMINAL_PROMPT=0 timeout 60 git clone -q --depth 1 "$FRESH_URL" "$work/db" 2>/dev/null; then
  echo "audit: fresh advisory database ($(git -C "$work/db" log -1 --format=%cs))"
  stale=()
else
  [ -e "$snapshot" ] || { echo "FAIL - no advisory database: cannot fetch one and $snapshot is missing"; exit 1; }
  rm -rf "$work/db"
  git clone -q -b main "$snapshot" "$work/db"
  echo "audit: offline snapshot $snapshot ($(git -C "$work/db" log -1 --format=%cs)); advisories after it are not checked"
  stale=(--stale) # the snapshot is older than cargo-audit accepts without it
fi
# The database must flag a known advisory before a clean scan means anything.
canary=$(cargo audit --db "$work/db" --no-fetch "${stale[@]}" --json -f testdata/advisory-db/canary.Cargo.lock 2>/dev/null || true)
if grep -q '"RUSTSEC-2021-0003"' <<<"$canary"; then
  echo "ok   - the advisory database flags the canary lock file (smallvec 1.6.0, RUSTSEC-2021-0003)"
else
  echo "FAIL - the advisory database did not flag the canary lock file: it is empty or unreadable"
  exit 1
fi
if cargo audit --db "$work/db" --no-fetch "${stale[@]}" --deny warnings; then
  echo "ok   - cargo audit: no advisory affects Cargo.lock but those accepted by id in .cargo/audit.toml ($(grep -o "RUSTSEC-[0-9-]*" .cargo/audit.toml | tr "\n" " "))"
else
  echo "FAIL - cargo audit found advisories (above): update the crate, or explain and ignore the id in .cargo/audit.toml"
  exit 1
fi
