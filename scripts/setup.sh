#!/usr/bin/env bash
# Installs every tool konaplate needs, idempotently. A second run takes seconds.
#
#   wasm32-unknown-unknown target    (rustup)
#   nightly Rust (minimal) + rust-src + its wasm32 target + std's crates fetched, for the small
#                                    page build (scripts/build-page.sh --small; without them it
#                                    builds the stable page and says so)
#   wasm-bindgen-cli 0.2.130         (must match the `wasm-bindgen = "=0.2.130"` pin)
#   trunk 0.21.14                    (0.22 needs a newer rustc)
#   cargo-audit 0.22.2, cargo-deny 0.20.2   (the dependency audit, scripts/test.d/05-audit.sh;
#                                    Cargo.lock's crates for every platform fetched, which it reads)
#   binaryen (wasm-opt), chromium, chromium-driver, fonts-nanum (Korean glyphs)   (Debian)
#   openapi-spec-validator 0.9.0     (PyPI, for the OpenAPI export test)
#   joserfc 1.6.5, cryptography 48.0.0 (PyPI, for the JWE cross-check)
#   node_modules for the JS tests     (npm ci in js/ and e2e/ from their locks; js/ also brings
#                                     binaryen 132, the wasm-opt scripts/wasm-opt.sh runs)
#
# Usage: scripts/setup.sh [--no-trunk] [--no-browser] [--no-nightly]
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
CARGO_AUDIT_VERSION=0.22.2
CARGO_DENY_VERSION=0.20.2
want_trunk=1
want_browser=1
want_nightly=1
for arg in "$@"; do
  case "$arg" in
    --no-trunk) want_trunk=0 ;;
    --no-browser) want_browser=0 ;;
    --no-nightly) want_nightly=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The small Wasm builds (scripts/nightly.sh, used by build-page.sh and build-pkg.sh): nightly's
# -Zbuild-std needs the standard library's source (rust-src) and its own crates in cargo's cache,
# since Trunk builds offline. A failure here is not fatal: both scripts then build with stable
# and say so. KP_NIGHTLY (default nightly) names the toolchain, as in scripts/nightly.sh.
install_nightly() {
  local nightly="${KP_NIGHTLY:-nightly}"
  rustup toolchain list | grep -q "^$nightly-$(rustc -vV | sed -n 's/^host: //p')" ||
    { say "installing $nightly Rust (minimal profile)"; rustup toolchain install "$nightly" --profile minimal; } || return 1
  rustup component list --toolchain "$nightly" --installed | grep -qx 'rust-src' ||
    { say "adding rust-src to $nightly"; rustup component add rust-src --toolchain "$nightly"; } || return 1
  rustup target list --toolchain "$nightly" --installed | grep -qx wasm32-unknown-unknown ||
    { say "adding target wasm32-unknown-unknown to $nightly"; rustup target add wasm32-unknown-unknown --toolchain "$nightly"; } || return 1
  local library
  library="$(rustup run "$nightly" rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" || return 1
  rustup run "$nightly" cargo fetch -q --offline --manifest-path "$library" 2>/dev/null ||
    { say "fetching the $nightly standard library's crates"; rustup run "$nightly" cargo fetch -q --manifest-path "$library"; }
}
if [ "$want_nightly" = 1 ]; then
  install_nightly || say "nightly Rust could not be installed: scripts/build-page.sh and build-pkg.sh will build with stable"
fi

installed_version() { "$1" --version 2>/dev/null | awk '{print $2}'; }

if [ "$(installed_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # --locked fails for this version's lockfile; the crate pin keeps the pair in step.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$want_trunk" = 1 ] && [ "$(installed_version trunk)" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about six minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# `cargo audit --version` prints "cargo-audit-audit 0.22.2".
if [ "$(cargo audit --version 2>/dev/null | awk '{print $2}')" != "$CARGO_AUDIT_VERSION" ]; then
  say "installing cargo-audit $CARGO_AUDIT_VERSION (a few minutes, once)"
  cargo install --locked cargo-audit --version "$CARGO_AUDIT_VERSION" --force
fi
if [ "$(cargo deny --version 2>/dev/null | awk '{print $2}')" != "$CARGO_DENY_VERSION" ]; then
  say "installing cargo-deny $CARGO_DENY_VERSION (a few minutes, once)"
  cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION" --force
fi

# cargo deny reads the whole dependency graph offline (scripts/test.d/05-audit.sh): every
# platform's crates of Cargo.lock, which no build for this machine's targets downloads
# (windows-sys and the like).
cargo fetch -q --locked --offline 2>/dev/null ||
  { say "fetching every platform's crates of Cargo.lock (cargo deny reads them)"; cargo fetch -q --locked; }

apt_pkgs=()
command -v wasm-opt >/dev/null || apt_pkgs+=(binaryen)
if [ "$want_browser" = 1 ]; then
  command -v chromium >/dev/null || apt_pkgs+=(chromium)
  command -v chromedriver >/dev/null || apt_pkgs+=(chromium-driver)
  # A CJK font, or Korean renders as boxes in the browser tests' screenshots (Nanum: 10 MB,
  # against 56 MB for fonts-noto-cjk).
  dpkg-query -W -f='${Status}' fonts-nanum 2>/dev/null | grep -q "ok installed" || apt_pkgs+=(fonts-nanum)
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_pkgs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}"
fi

# An independent OpenAPI 3.1 validator for the exported document (scripts/test.d/15-openapi.sh).
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
  say "installing openapi-spec-validator (PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "openapi-spec-validator==0.9.0"
fi

# Independent JWE implementations for the encryption cross-check (scripts/test.d/16-jwe-crosscheck.sh).
if ! python3 -c "import joserfc, cryptography" 2>/dev/null; then
  say "installing joserfc and cryptography (PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "joserfc==1.6.5" "cryptography==48.0.0"
fi

# Each JS tool folder has its own package.json + package-lock.json (JS package tests, page
# tests, and exports/: newman and Bruno's CLI for the exported collections); `npm ci` runs
# only when the lock is newer than the install. (bench/server installs
# its own when scripts/bench-server.sh runs: CI does not need Prism.)
for dir in js e2e exports; do
  [ -f "$dir/package-lock.json" ] || continue
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm dev dependencies in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done
say "tools ready"
